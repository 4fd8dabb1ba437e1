import { describe, expect, it } from 'vitest'
import type { Run } from '../../shared/model'
import { exportStream } from './export-stream'

const run = (id: string): Run => ({
  id,
  source: 's',
  workflowId: 'wf',
  status: 'succeeded',
  vendorStatus: 'ok',
  error: 'x'.repeat(2000),
})

/** An endless store iteration that records how far it was read and whether it was closed. */
function endless() {
  const seen = { chunks: 0, closed: false }
  async function* chunks() {
    try {
      for (;;) {
        // Each read waits, as a store's query does.
        await Promise.resolve()
        seen.chunks += 1
        yield Array.from({ length: 50 }, (_, i) => run(`r${seen.chunks}-${i}`))
      }
    } finally {
      seen.closed = true
    }
  }
  return { seen, chunks: chunks() }
}

describe('exportStream', () => {
  it('reads the store only as fast as the reader takes it', async () => {
    const { seen, chunks } = endless()
    const stream = exportStream(chunks, 'ndjson')
    const first: unknown = await new Promise((resolve) => stream.once('data', resolve))
    expect(String(first).split('\n')[0]).toContain('"id":"r1-0"')
    stream.pause()
    // Nothing reads on: only the small buffer ahead of the reader was filled.
    await new Promise((resolve) => setImmediate(resolve))
    expect(seen.chunks).toBeLessThan(10)
    stream.destroy()
  })

  it('stops reading the store when the reader goes away', async () => {
    const { seen, chunks } = endless()
    const stream = exportStream(chunks, 'csv')
    await new Promise((resolve) => stream.once('data', resolve))
    stream.destroy()
    await new Promise((resolve) => stream.once('close', resolve))
    await expect.poll(() => seen.closed).toBe(true)
    const readAtClose = seen.chunks
    await new Promise((resolve) => setImmediate(resolve))
    expect(seen.chunks).toBe(readAtClose)
  })

  it('starts a CSV with its header and ends every run with CRLF, NDJSON with LF', async () => {
    const done = async (format: 'csv' | 'ndjson') => {
      async function* two() {
        yield await Promise.resolve([run('a'), run('b')])
      }
      let text = ''
      for await (const part of exportStream(two(), format)) text += String(part)
      return text
    }
    const csv = await done('csv')
    expect(csv.startsWith('source,id,')).toBe(true)
    expect(csv.split('\r\n')).toHaveLength(4)
    const ndjson = await done('ndjson')
    expect(
      ndjson
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as Run).id),
    ).toEqual(['a', 'b'])
  })
})
