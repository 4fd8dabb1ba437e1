/**
 * One deadline per API answer (RUNBOARD_DEADLINE_MS), against a real sandbox made slow or
 * silent: an answer never waits past it, for the first sync or for a vendor read of its own.
 * It answers what was read, with its coverage, or says UPSTREAM_TIMEOUT when nothing was. The
 * timeouts of the vendor requests are longer than the deadlines here on purpose, so that each
 * answer shows which of the two limits ended it; the test timeouts only prove nothing hangs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiErrorSchema, healthSchema, runStatsSchema } from '../shared/model'
import {
  frozenNow,
  startTestSandbox,
  startTestServer,
  waitForLive,
  type Sandbox,
  type TestServer,
} from './testing/harness'

const key = 'sk-live-DEADLINE-KEY-5150'

let upstream: Sandbox

beforeAll(async () => {
  upstream = await startTestSandbox({ apiKey: key, runs: 2_000 })
})

afterAll(async () => {
  await upstream.close()
})

function puqServer(env: NodeJS.ProcessEnv) {
  return startTestServer({ PUQ_API_KEY: key, PUQ_BASE_URL: upstream.puqBaseUrl, ...env })
}

function trigifyServer(env: NodeJS.ProcessEnv) {
  return startTestServer({
    TRIGIFY_API_KEY: key,
    TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
    ...env,
  })
}

async function errorOf(target: TestServer, path: string) {
  const response = await target.get(path)
  return { status: response.status, ...apiErrorSchema.parse(JSON.parse(response.body)) }
}

const monthTo = '2026-11-20T00:00:00.000Z'
const monthFrom = new Date(Date.parse(monthTo) - 30 * 86_400_000).toISOString()
const month = `from=${monthFrom}&to=${monthTo}&bucket=day`

describe('the deadline of one API answer', () => {
  it('says UPSTREAM_TIMEOUT by the deadline when a hanging vendor gave nothing yet', async () => {
    upstream.setFaults({ hangRate: 1 })
    const target = await puqServer({ UPSTREAM_TIMEOUT_MS: '1500', RUNBOARD_DEADLINE_MS: '500' })
    try {
      const failure = await errorOf(target, '/api/sources/puq/runs?status=failed,running')
      expect(failure.status).toBe(504)
      expect(failure.error).toEqual({
        code: 'UPSTREAM_TIMEOUT',
        message:
          'puq.ai did not answer within 500 ms; Runboard keeps asking, so try again in a moment',
        source: 'puq',
      })
    } finally {
      upstream.setFaults({ hangRate: 0 })
      await target.close()
    }
  }, 10_000)

  it('cuts a vendor read of its own (a run not stored yet) at the deadline', async () => {
    const target = await puqServer({ UPSTREAM_TIMEOUT_MS: '1500', RUNBOARD_DEADLINE_MS: '500' })
    try {
      await waitForLive(target)
      await Promise.all(target.syncs.map((sync) => sync.stop()))
      upstream.setFaults({ hangRate: 1 })
      const failure = await errorOf(target, '/api/sources/puq/runs/run_not_stored_yet')
      expect(failure.status).toBe(504)
      expect(failure.error).toEqual({
        code: 'UPSTREAM_TIMEOUT',
        message:
          'The puq.ai API did not answer within 500 ms, the time one Runboard answer may take',
        source: 'puq',
      })
      // The deadline is Runboard's, not a sign that the vendor is down.
      const health = healthSchema.parse(JSON.parse((await target.get('/api/health')).body))
      expect(health.sources).toEqual([{ id: 'puq', reachable: true }])
    } finally {
      upstream.setFaults({ hangRate: 0 })
      await target.close()
    }
  }, 15_000)

  it('answers from what the slow first sync has read by the deadline, with coverage', async () => {
    // 13 workflows of 300 ms each: the first sync needs 4 s and more to read every one.
    upstream.setFaults({ latencyMs: 300 })
    const target = await trigifyServer({ RUNBOARD_DEADLINE_MS: '1000' })
    try {
      const [lookup, stats] = await Promise.all([
        errorOf(target, '/api/sources/trigify/runs/run_nowhere'),
        target.json(`/api/sources/trigify/stats?${month}`, runStatsSchema),
      ])
      // Both answered before the first sync was done, so without waiting for it.
      expect(target.syncs[0]?.isReady()).toBe(false)
      expect(lookup.status).toBe(404)
      expect(lookup.error.code).toBe('NOT_FOUND')
      expect(lookup.error.message).toMatch(/^Run run_nowhere is not read yet: Trigify's history/)
      expect(stats.buckets).toHaveLength(30)
      expect(stats.coverage.complete).toBe(false)
    } finally {
      upstream.setFaults({ latencyMs: 0 })
      await target.close()
    }
  }, 15_000)

  it('answers a month of puq stats from the store while the backfill is far from done', async () => {
    upstream.setFaults({ latencyMs: 300 })
    const target = await puqServer({ RUNBOARD_DEADLINE_MS: '1000' })
    try {
      const stats = await target.json(`/api/sources/puq/stats?${month}`, runStatsSchema)
      const progress = await target.syncs[0]?.progress()
      expect(progress?.state).toBe('backfilling')
      expect(stats.buckets).toHaveLength(30)
      expect(stats.coverage.complete).toBe(false)
      expect(stats.coverage.coveredFrom > monthFrom).toBe(true)
      expect(Date.parse(stats.to)).toBeLessThanOrEqual(Date.parse(frozenNow))
    } finally {
      upstream.setFaults({ latencyMs: 0 })
      await target.close()
    }
  }, 15_000)
})
