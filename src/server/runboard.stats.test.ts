/**
 * The stats route and the windowed runs listing against a real sandbox over HTTP. The expected
 * counts are computed here from the vendors' raw answers (every page, read straight from an
 * identical sandbox), with the day edges taken from `toLocaleDateString`, not from our code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiErrorSchema, runPageSchema, runStatsSchema, type RunStats } from '../shared/model'
import {
  frozenNow,
  oracle,
  oracleTrigifyExecutions,
  startTestSandbox,
  startTestServer,
  type Sandbox,
  type TestServer,
  waitForLive,
  waitUntil,
} from './testing/harness'

type Truth = { startedAt: string; status: string; workflowId: string }

let truth: Sandbox
let server: TestServer
let partial: TestServer
const truths = new Map<string, Truth[]>()

const to = frozenNow
const from = new Date(Date.parse(frozenNow) - 7 * 86_400_000).toISOString()

async function puqTruth(): Promise<Truth[]> {
  const runs: Truth[] = []
  for (let page = 1; page < 1000; page += 1) {
    const body = (await oracle(truth, `/puq/v1/executions?page=${page}&limit=100`)) as {
      items: {
        started_at: string | null
        created_at: string
        status: string
        workflow_id: string
      }[]
      total: number
    }
    for (const item of body.items) {
      runs.push({
        startedAt: item.started_at ?? item.created_at,
        status: item.status.toLowerCase(),
        workflowId: item.workflow_id,
      })
    }
    if (page * 100 >= body.total) break
  }
  return runs
}

async function trigifyTruth(): Promise<Truth[]> {
  return (await oracleTrigifyExecutions(truth)).map((execution) => ({
    startedAt: execution.started_at,
    status: execution.status === 'completed' ? 'succeeded' : execution.status,
    workflowId: execution.workflowId,
  }))
}

/** Runs per local calendar day and status, the way a person would count them. */
function expectedByDay(runs: Truth[], timeZone: string, status?: string) {
  const days = new Map<string, Map<string, number>>()
  for (const run of runs) {
    const ms = Date.parse(run.startedAt)
    if (ms < Date.parse(from) || ms >= Date.parse(to)) continue
    if (status !== undefined && run.status !== status) continue
    const day = new Date(ms).toLocaleDateString('en-CA', { timeZone })
    const counts = days.get(day) ?? new Map<string, number>()
    counts.set(run.status, (counts.get(run.status) ?? 0) + 1)
    days.set(day, counts)
  }
  return days
}

function dayOf(bucket: RunStats['buckets'][number], timeZone: string): string {
  return new Date(Date.parse(bucket.start)).toLocaleDateString('en-CA', { timeZone })
}

beforeAll(async () => {
  truth = await startTestSandbox()
  server = await startTestServer({ RUNBOARD_DEMO: '1' })
  // A slow vendor, so the backfill is still early when its sync is stopped below.
  partial = await startTestServer({ RUNBOARD_DEMO: '1', SANDBOX_LATENCY_MS: '20' })
  // Stopped once every source is complete back past the last whole day, long before `from`.
  await waitUntil(
    () =>
      Promise.resolve(
        partial.syncs.every((sync) => {
          const { coveredFromMs } = sync.coverage()
          return coveredFromMs !== null && coveredFromMs < Date.parse(to) - 36 * 3_600_000
        }),
      ),
    'the newest day and a half of each demo source',
  )
  await Promise.all(partial.syncs.map((sync) => sync.stop()))
  truths.set('demo-puq', await puqTruth())
  truths.set('demo-trigify', await trigifyTruth())
  await waitForLive(server)
})

afterAll(async () => {
  await server.close()
  await partial.close()
  await truth.close()
})

describe.each(['demo-puq', 'demo-trigify'])('stats of %s', (source) => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York'])(
    'counts every run of the last 7 days into its %s day',
    async (timeZone) => {
      const stats = await server.json(
        `/api/sources/${source}/stats?from=${from}&to=${to}&tz=${timeZone}`,
        runStatsSchema,
      )
      expect(stats.bucket).toBe('day')
      expect(stats.coverage.complete).toBe(true)
      expect(stats.coverage.coveredFrom).toBe(from)
      const expected = expectedByDay(truths.get(source) ?? [], timeZone)
      expect(stats.buckets.length).toBeGreaterThanOrEqual(7)
      let sum = 0
      for (const bucket of stats.buckets) {
        const counts = expected.get(dayOf(bucket, timeZone)) ?? new Map<string, number>()
        for (const [status, count] of Object.entries(bucket.counts)) {
          expect(count, `${bucket.start} ${status}`).toBe(counts.get(status) ?? 0)
        }
        sum += bucket.total
      }
      expect(stats.totals.total).toBe(sum)
      expect(sum).toBeGreaterThan(1000)
      const { succeeded = 0, failed = 0 } = stats.totals.counts
      expect(stats.totals.failureRate).toBeCloseTo(failed / (succeeded + failed), 10)
      expect(stats.durations?.p95Ms).toBeGreaterThanOrEqual(stats.durations?.p50Ms ?? Infinity)
    },
  )

  it('counts only failed runs under a status filter, and the same ones in the runs listing', async () => {
    const stats = await server.json(
      `/api/sources/${source}/stats?status=failed&from=${from}&to=${to}`,
      runStatsSchema,
    )
    const expected = expectedByDay(truths.get(source) ?? [], 'UTC', 'failed')
    const busiest = stats.buckets.reduce((best, bucket) =>
      bucket.total > best.total ? bucket : best,
    )
    expect(busiest.total).toBe(expected.get(dayOf(busiest, 'UTC'))?.get('failed'))
    expect(busiest.counts.succeeded).toBe(0)

    // A bar's runs: the same window and filter through the runs route.
    const page = await server.json(
      `/api/sources/${source}/runs?status=failed&from=${busiest.start}&to=${busiest.end}&pageSize=100`,
      runPageSchema,
    )
    expect(page.total).toBe(busiest.total)
    for (const run of page.items) {
      expect(run.status).toBe('failed')
      expect(Date.parse(run.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(busiest.start))
      expect(Date.parse(run.startedAt ?? '')).toBeLessThan(Date.parse(busiest.end))
    }
    const times = page.items.map((run) => Date.parse(run.startedAt ?? ''))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('while the history is read, says how far back its counts are complete, and those are exact', async () => {
    const stats = await partial.json(
      `/api/sources/${source}/stats?from=${from}&to=${to}`,
      runStatsSchema,
    )
    expect(stats.coverage.complete).toBe(false)
    const coveredFrom = Date.parse(stats.coverage.coveredFrom)
    expect(coveredFrom).toBeGreaterThan(Date.parse(from))
    const expected = expectedByDay(truths.get(source) ?? [], 'UTC')
    const whole = stats.buckets.filter((bucket) => Date.parse(bucket.start) >= coveredFrom)
    expect(whole.length).toBeGreaterThan(0)
    for (const bucket of whole) {
      const counts = expected.get(dayOf(bucket, 'UTC'))
      expect(bucket.counts.failed).toBe(counts?.get('failed') ?? 0)
      expect(bucket.counts.succeeded).toBe(counts?.get('succeeded') ?? 0)
    }
  })
})

describe('stats parameters', () => {
  it.each([
    [`from=${to}&to=${from}`, 'from: must be before to'],
    [
      `from=2026-01-01T00:00:00Z&to=${to}`,
      'from: the window from from to to must be at most 90 days',
    ],
    ['bucket=week', 'bucket: must be one of hour, day'],
    ['tz=Mars/Olympus', 'tz: must be an IANA time zone'],
    ['from=yesterday', 'from: must be an ISO 8601 time'],
    ['status=done', 'status: must be one or more of'],
    [`bucket=hour&from=2026-09-01T00:00:00Z&to=${to}`, 'bucket: hour buckets over this window'],
  ])('refuses %s with a 400 that says why', async (query, message) => {
    const response = await server.get(`/api/sources/demo-puq/stats?${query}`)
    expect(response.status).toBe(400)
    const body = apiErrorSchema.parse(JSON.parse(response.body))
    expect(body.error.code).toBe('BAD_REQUEST')
    expect(body.error.message).toContain(message)
  })

  it('covers the last 7 days, in days, with no parameters', async () => {
    const stats = await server.json('/api/sources/demo-puq/stats', runStatsSchema)
    expect(Date.parse(stats.to) - Date.parse(stats.from)).toBe(7 * 86_400_000)
    expect(stats.bucket).toBe('day')
    expect(stats.timeZone).toBe('UTC')
  })

  it('reports puq’s exact all-time totals beside the window', async () => {
    const stats = await server.json('/api/sources/demo-puq/stats', runStatsSchema)
    const puq = (await oracle(truth, '/puq/v1/executions?limit=1')) as {
      total: number
      succeeded: number
      failed: number
    }
    expect(stats.allTime).toEqual({
      total: puq.total,
      succeeded: puq.succeeded,
      failed: puq.failed,
    })
  })
})
