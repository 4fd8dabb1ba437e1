// Adds up Vitest's and Playwright's JSON reports into `tests: N passed, N failed`.
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2] ?? 'test-results'
const exitStatus = Number(process.argv[3] ?? 0)
let passed = 0
let failed = 0

const unitPath = join(dir, 'unit.json')
if (existsSync(unitPath)) {
  const unit = JSON.parse(readFileSync(unitPath, 'utf8'))
  passed += unit.numPassedTests ?? 0
  failed += (unit.numFailedTests ?? 0) + (unit.numRuntimeErrorTestSuites ?? 0)
}

const e2ePath = join(dir, 'e2e.json')
if (existsSync(e2ePath)) {
  const e2e = JSON.parse(readFileSync(e2ePath, 'utf8'))
  passed += e2e.stats?.expected ?? 0
  failed += (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0)
}

// A step that failed before any runner wrote a report (typecheck, lint, build) is a failure too.
if (exitStatus !== 0 && failed === 0) failed = 1

console.log(`tests: ${passed} passed, ${failed} failed`)
