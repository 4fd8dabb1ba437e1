/** Test helper: reads a vendor fixture from ./fixtures as untyped JSON. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'))
}
