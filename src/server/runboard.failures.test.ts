/**
 * The failure inbox over HTTP against the demo sources. Expectations come from elsewhere than
 * the grouping under test: Trigify's failed runs read straight from an identical sandbox and
 * grouped here with the normalizer, puq's from the runs listing grouped the same way, and each
 * group checked against the runs route filtered to it (its total, its oldest run ever).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { failuresResponseSchema, stepsResponseSchema } from '../shared/failures-model'
import { apiErrorSchema, runDetailSchema, runPageSchema, type Run } from '../shared/model'
import { normalizeError, trigifyFailedStep } from './failures/fingerprint'
import {
  frozenNow,
  oracleTrigifyExecutions,
  startTestSandbox,
  startTestServer,
  type Sandbox,
  type TestServer,
  waitForLive,
} from './testing/harness'

type Failure = { workflowId: string; step: string | undefined; error: string }

let truth: Sandbox
let server: TestServer

const to = frozenNow
const from = new Date(Date.parse(frozenNow) - 7 * 86_400_000).toISOString()
const inWindow = (iso: string) =>
  Date.parse(iso) >= Date.parse(from) && Date.parse(iso) < Date.parse(to)

/** Trigify's failed runs of the window, from the sandbox itself. */
async function trigifyFailures(): Promise<Failure[]> {
  const failures: Failure[] = []
  for (const execution of await oracleTrigifyExecutions(truth)) {
    if (execution.status !== 'failed' || !inWindow(execution.started_at)) continue
    const error = execution.error ?? ''
    failures.push({ workflowId: execution.workflowId, step: trigifyFailedStep(error), error })
  }
  return failures
}

async function listedFailures(source: string): Promise<Run[]> {
  const runs: Run[] = []
  for (let page = 1; ; page += 1) {
    const body = await server.json(
      `/api/sources/${source}/runs?status=failed&from=${from}&to=${to}&pageSize=100&page=${page}`,
      runPageSchema,
    )
    runs.push(...body.items)
    if (page >= body.totalPages) return runs
  }
}

/** Counts per cause, keyed the way a person would tell causes apart. */
function countsByCause(failures: readonly Failure[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const f of failures) {
    const key = JSON.stringify([f.workflowId, f.step ?? null, normalizeError(f.error)])
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

const failuresOf = (source: string, query = '') =>
  server.json(
    `/api/sources/${source}/failures?from=${from}&to=${to}${query}`,
    failuresResponseSchema,
  )

beforeAll(async () => {
  truth = await startTestSandbox()
  server = await startTestServer({ RUNBOARD_DEMO: '1' })
  await waitForLive(server)
  // Frozen from here: puq step details read in between would move runs between groups.
  await Promise.all(server.syncs.map((sync) => sync.stop()))
})

afterAll(async () => {
  await server.close()
  await truth.close()
})

describe.each(['demo-trigify', 'demo-puq'])('failures of %s', (source) => {
  it('groups every failed run of the window by cause, counts adding up', async () => {
    const answer = await failuresOf(source)
    const listed = await listedFailures(source)
    expect(answer.coverage).toBeUndefined()
    if (source === 'demo-puq') {
      // puq lists no error: a run not yet read in detail has neither a step nor a message.
      const unread = answer.groups.filter((g) => g.step === undefined && g.message === '')
      expect(answer.awaitingDetail).toBeLessThanOrEqual(unread.reduce((sum, g) => sum + g.count, 0))
    } else {
      expect(answer.awaitingDetail).toBeUndefined()
    }
    expect(listed.length).toBeGreaterThan(20)
    expect(answer.totalFailed).toBe(listed.length)
    expect(answer.groups.reduce((sum, g) => sum + g.count, 0)).toBe(answer.totalFailed)
    const expected =
      source === 'demo-trigify'
        ? countsByCause(await trigifyFailures())
        : countsByCause(
            listed.map((run) => ({
              workflowId: run.workflowId,
              step: run.failedStep,
              error: run.error ?? '',
            })),
          )
    const actual = new Map(
      answer.groups.map((g) => [
        JSON.stringify([g.workflowId, g.step ?? null, g.message]),
        g.count,
      ]),
    )
    expect(actual).toEqual(expected)
    // Real grouping work: fewer causes than failures.
    expect(answer.groups.length).toBeLessThan(answer.totalFailed)
    const order = answer.groups.map((g) => [g.count, Date.parse(g.lastSeenAt)] as const)
    const sorted = [...order].sort((a, b) => b[0] - a[0] || b[1] - a[1])
    expect(order).toEqual(sorted)
  })

  it("lists exactly a group's runs, and first seen is its oldest run ever", async () => {
    const answer = await failuresOf(source)
    for (const group of answer.groups.slice(0, 3)) {
      const base = `/api/sources/${source}/runs?failure=${group.fingerprint}`
      const page = await server.json(`${base}&from=${from}&to=${to}&pageSize=100`, runPageSchema)
      expect(page.total).toBe(group.count)
      expect(group.daily.reduce((sum, d) => sum + d.count, 0)).toBe(group.count)
      // 7 days up to 2026-11-20 12:00 UTC touch 8 UTC days.
      expect(group.daily.map((d) => d.day)).toEqual([
        '2026-11-13',
        '2026-11-14',
        '2026-11-15',
        '2026-11-16',
        '2026-11-17',
        '2026-11-18',
        '2026-11-19',
        '2026-11-20',
      ])
      for (const run of page.items) {
        expect(run.status).toBe('failed')
        expect(run.workflowId).toBe(group.workflowId)
        expect(run.failedStep).toBe(group.step)
        expect(normalizeError(run.error ?? '')).toBe(group.message)
      }
      expect(page.items[0]?.error).toBe(group.sample)
      const ever = await server.json(`${base}&pageSize=1`, runPageSchema)
      const oldest = await server.json(`${base}&pageSize=1&page=${ever.totalPages}`, runPageSchema)
      expect(oldest.items[0]?.startedAt).toBe(group.firstSeenAt)
      expect(ever.items[0]?.startedAt).toBe(group.lastSeenAt)
      expect(group.isNew).toBe(Date.parse(group.firstSeenAt) >= Date.parse(from))
      // Combined with another filter: a status the group's runs never have.
      const none = await server.json(`${base}&status=succeeded`, runPageSchema)
      expect(none.total).toBe(0)
    }
  })

  it("names a failed run's group in its detail, and no group for a run that succeeded", async () => {
    const answer = await failuresOf(source)
    // A read cause: opening a puq run whose detail is unread reads it, which regroups it.
    const group = answer.groups.find((candidate) => candidate.step !== undefined)
    if (!group) throw new Error(`${source} has no failure group with a step`)
    const base = `/api/sources/${source}/runs`
    const [run] = (
      await server.json(`${base}?failure=${group.fingerprint}&pageSize=1`, runPageSchema)
    ).items
    if (!run) throw new Error(`group ${group.fingerprint} lists no run`)
    const detail = await server.json(
      `${base}/${run.id}?workflow=${run.workflowId}`,
      runDetailSchema,
    )
    expect(detail.fingerprint).toBe(group.fingerprint)
    const [succeeded] = (await server.json(`${base}?status=succeeded&pageSize=1`, runPageSchema))
      .items
    if (!succeeded) throw new Error(`${source} has no succeeded run`)
    const ok = await server.json(
      `${base}/${succeeded.id}?workflow=${succeeded.workflowId}`,
      runDetailSchema,
    )
    expect(ok.fingerprint).toBeUndefined()
  })

  it('narrows to one workflow', async () => {
    const all = await failuresOf(source)
    const workflowId = all.groups[0]?.workflowId ?? ''
    const one = await failuresOf(source, `&workflow=${workflowId}`)
    expect(one.groups.every((g) => g.workflowId === workflowId)).toBe(true)
    expect(one.totalFailed).toBe(
      all.groups.filter((g) => g.workflowId === workflowId).reduce((sum, g) => sum + g.count, 0),
    )
  })
})

describe('steps', () => {
  it('counts failures per step from Trigify errors, said as such', async () => {
    const answer = await server.json(
      `/api/sources/demo-trigify/steps?from=${from}&to=${to}`,
      stepsResponseSchema,
    )
    expect(answer.basis).toBe('errors-only')
    const expected = new Map<string, number>()
    const failures = await trigifyFailures()
    for (const f of failures) {
      if (f.step === undefined) continue
      const key = `${f.workflowId}/${f.step}`
      expected.set(key, (expected.get(key) ?? 0) + 1)
    }
    expect(answer.runsRead).toBe(failures.length)
    expect(new Map(answer.steps.map((s) => [`${s.workflowId}/${s.step}`, s.failures]))).toEqual(
      expected,
    )
    expect(answer.steps.every((s) => s.runs === null && s.failureRate === null)).toBe(true)
  })

  it('reads puq steps: reached, failed, retried and durations per step', async () => {
    const answer = await server.json(
      `/api/sources/demo-puq/steps?from=${from}&to=${to}`,
      stepsResponseSchema,
    )
    expect(answer.basis).toBe('steps')
    expect(answer.runsRead).toBeGreaterThan(0)
    expect(answer.steps.length).toBeGreaterThan(0)
    for (const step of answer.steps) {
      const runs = step.runs ?? 0
      expect(runs).toBeGreaterThan(0)
      expect(runs).toBeLessThanOrEqual(answer.runsRead)
      expect(step.failures).toBeLessThanOrEqual(runs)
      expect(step.retried ?? 0).toBeLessThanOrEqual(runs)
      expect(step.failureRate).toBeCloseTo(step.failures / runs, 10)
      if (step.p50Ms !== null) expect(step.p95Ms ?? -1).toBeGreaterThanOrEqual(step.p50Ms)
    }
  })
})

describe('steps of a window read in full', () => {
  it("match each puq run's own steps, folded here by last attempt", async () => {
    const since = new Date(Date.parse(to) - 6 * 3_600_000).toISOString()
    const page = await server.json(
      `/api/sources/demo-puq/runs?from=${since}&to=${to}&pageSize=100`,
      runPageSchema,
    )
    expect(page.total).toBeGreaterThan(5)
    expect(page.total).toBeLessThanOrEqual(100)
    type Tally = { runs: number; failures: number; retried: number; durations: number[] }
    const expected = new Map<string, Tally>()
    for (const run of page.items) {
      // Opening a run reads its steps through and stores them, so every run of the window counts.
      const detail = await server.json(`/api/sources/demo-puq/runs/${run.id}`, runDetailSchema)
      const last = new Map<
        string,
        { status: string; attempt: number; durationMs?: number | undefined }
      >()
      const attempts = new Map<string, number>()
      for (const step of detail.steps ?? []) {
        const seen = last.get(step.name)
        if (seen === undefined || step.attempt >= seen.attempt) last.set(step.name, step)
        attempts.set(step.name, Math.max(attempts.get(step.name) ?? 0, step.attempt))
      }
      for (const [name, step] of last) {
        const key = `${run.workflowId}/${name}`
        const tally = expected.get(key) ?? { runs: 0, failures: 0, retried: 0, durations: [] }
        tally.runs += 1
        if (step.status === 'failed') tally.failures += 1
        if ((attempts.get(name) ?? 1) > 1) tally.retried += 1
        if (step.durationMs !== undefined) tally.durations.push(step.durationMs)
        expected.set(key, tally)
      }
    }
    const answer = await server.json(
      `/api/sources/demo-puq/steps?from=${since}&to=${to}`,
      stepsResponseSchema,
    )
    expect(answer.runsRead).toBe(page.total)
    const nearestRank = (values: number[], q: number) => {
      const sorted = [...values].sort((a, b) => a - b)
      return sorted.length === 0 ? null : (sorted[Math.ceil(q * sorted.length) - 1] ?? null)
    }
    expect(
      new Map(
        answer.steps.map((s) => [
          `${s.workflowId}/${s.step}`,
          [s.runs, s.failures, s.retried, s.p50Ms, s.p95Ms],
        ]),
      ),
    ).toEqual(
      new Map(
        [...expected].map(([key, t]) => [
          key,
          [
            t.runs,
            t.failures,
            t.retried,
            nearestRank(t.durations, 0.5),
            nearestRank(t.durations, 0.95),
          ],
        ]),
      ),
    )
  })
})

describe('parameters', () => {
  it.each([
    ['/api/sources/demo-puq/runs?failure=nope', 'failure: must be a failure fingerprint'],
    ['/api/sources/demo-puq/failures?bogus=1', 'bogus: is not a parameter of this route'],
    ['/api/sources/demo-puq/failures?workflow=a/b', 'workflow: '],
    [`/api/sources/demo-puq/failures?from=${to}&to=${from}`, 'from: must be before to'],
    ['/api/sources/demo-puq/steps?from=yesterday', 'from: must be an ISO 8601 time'],
  ])('%s is a 400 naming the parameter', async (path, message) => {
    const response = await server.get(path)
    expect(response.status).toBe(400)
    const body = apiErrorSchema.parse(JSON.parse(response.body))
    expect(body.error.message.startsWith(message)).toBe(true)
  })

  it('an unknown but well-formed fingerprint is an empty list', async () => {
    const page = await server.json(
      '/api/sources/demo-puq/runs?failure=v1:0123456789abcdef',
      runPageSchema,
    )
    expect(page.total).toBe(0)
  })
})
