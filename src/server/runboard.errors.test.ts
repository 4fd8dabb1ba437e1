/**
 * Failure paths against real sandboxes: a rejected key, 5xx bursts, broken JSON, a hanging
 * vendor and Trigify's rate limit before the first sync (the vendor's fault in words) and
 * after it (answers from the store, the fault in the sync state); bad parameters, write
 * methods and path tricks, which never reach the vendor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiErrorSchema,
  runPageSchema,
  sourcesResponseSchema,
  workflowsResponseSchema,
} from '../shared/model'
import {
  startTestSandbox,
  startTestServer,
  waitForLive,
  waitUntil,
  type Sandbox,
  type TestServer,
} from './testing/harness'

const key = 'sk-live-ERRORS-KEY-424242'

let upstream: Sandbox
let server: TestServer

beforeAll(async () => {
  upstream = await startTestSandbox({ apiKey: key, runs: 2_000 })
  server = await startTestServer({
    TRIGIFY_API_KEY: key,
    TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
    PUQ_API_KEY: key,
    PUQ_BASE_URL: upstream.puqBaseUrl,
  })
  await waitForLive(server)
  // What follows is about answering: with the syncs stopped, any upstream call is the answer's.
  await Promise.all(server.syncs.map((sync) => sync.stop()))
})

/** A server on the shared sandbox whose first sync meets whatever faults are set now. */
function serverOnFaultyVendor(env: NodeJS.ProcessEnv = {}) {
  return startTestServer({
    TRIGIFY_API_KEY: key,
    TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
    PUQ_API_KEY: key,
    PUQ_BASE_URL: upstream.puqBaseUrl,
    ...env,
  })
}

afterAll(async () => {
  await server.close()
  await upstream.close()
})

async function errorOf(target: TestServer, path: string) {
  const response = await target.get(path)
  return {
    status: response.status,
    headers: response.headers,
    ...apiErrorSchema.parse(JSON.parse(response.body)),
  }
}

describe('vendor failures', () => {
  it('reports a rejected key as UPSTREAM_AUTH without revealing it', async () => {
    const wrong = await startTestServer({
      TRIGIFY_API_KEY: 'not-the-right-key-1234',
      TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
      PUQ_API_KEY: 'not-the-right-key-1234',
      PUQ_BASE_URL: upstream.puqBaseUrl,
    })
    try {
      const trigify = await errorOf(wrong, '/api/sources/trigify/runs')
      expect(trigify.status).toBe(502)
      expect(trigify.error).toEqual({
        code: 'UPSTREAM_AUTH',
        message: 'The Trigify API rejected the configured API key',
        source: 'trigify',
      })
      const puq = await errorOf(wrong, '/api/sources/puq/runs?status=failed')
      expect(puq.error.code).toBe('UPSTREAM_AUTH')
      const health = await wrong.get('/api/health')
      expect(health.body).toContain('rejected the configured API key')
      for (const entry of wrong.recorded)
        expect(entry.body + entry.headers).not.toContain('not-the-right-key')
      for (const line of wrong.logs.lines) expect(line).not.toContain('not-the-right-key')
    } finally {
      await wrong.close()
    }
  })

  it('answers UPSTREAM_UNAVAILABLE while the first sync meets a 5xx burst, then recovers', async () => {
    upstream.setFaults({ faultRate: 1 })
    const fresh = await serverOnFaultyVendor()
    try {
      const failure = await errorOf(fresh, '/api/sources/puq/runs')
      expect(failure.status).toBe(502)
      expect(failure.error.code).toBe('UPSTREAM_UNAVAILABLE')
      upstream.setFaults({ faultRate: 0 })
      await waitForLive(fresh)
      const recovered = await fresh.json('/api/sources/puq/runs?page=7', runPageSchema)
      expect(recovered.items.length).toBeGreaterThan(0)
    } finally {
      upstream.setFaults({ faultRate: 0 })
      await fresh.close()
    }
  })

  it('keeps answering from the store while a synced vendor fails, and says so', async () => {
    const synced = await serverOnFaultyVendor()
    try {
      await waitForLive(synced)
      const before = await synced.json('/api/sources/puq/runs?page=3', runPageSchema)
      upstream.setFaults({ faultRate: 1 })
      const puq = synced.syncs.find((sync) => sync.source === 'puq')
      // The next top refresh meets the burst; ask for it now instead of waiting 10 s.
      puq?.refreshNow()
      await waitUntil(async () => (await puq?.progress())?.state === 'error', 'a failing sync')
      const during = await synced.json('/api/sources/puq/runs?page=3', runPageSchema)
      expect(during.items).toEqual(before.items)
      const { items } = await synced.json('/api/sources', sourcesResponseSchema)
      expect(items.find((source) => source.id === 'puq')?.sync).toMatchObject({
        state: 'error',
        lastError: expect.stringMatching(/puq\.ai/) as unknown,
      })
    } finally {
      upstream.setFaults({ faultRate: 0 })
      await synced.close()
    }
  })

  it('answers UPSTREAM_BAD_DATA for broken JSON before the first sync', async () => {
    upstream.setFaults({ malformedRate: 1 })
    const fresh = await serverOnFaultyVendor()
    try {
      const failure = await errorOf(fresh, '/api/sources/trigify/runs')
      expect(failure.status).toBe(502)
      expect(failure.error.code).toBe('UPSTREAM_BAD_DATA')
      expect(failure.error.message).toMatch(/^The Trigify API answered/)
    } finally {
      upstream.setFaults({ malformedRate: 0 })
      await fresh.close()
    }
  })

  it('gives up on a hanging vendor after UPSTREAM_TIMEOUT_MS', async () => {
    const impatient = await startTestServer({
      PUQ_API_KEY: key,
      PUQ_BASE_URL: upstream.puqBaseUrl,
      UPSTREAM_TIMEOUT_MS: '300',
    })
    upstream.setFaults({ hangRate: 1 })
    try {
      const started = Date.now()
      const failure = await errorOf(impatient, '/api/sources/puq/runs')
      expect(failure.status).toBe(504)
      expect(failure.error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: 'puq' })
      expect(Date.now() - started).toBeLessThan(3_000)
    } finally {
      upstream.setFaults({ hangRate: 0 })
      await impatient.close()
    }
  })

  it('says UPSTREAM_RATE_LIMITED with a retry time when the first sync must wait', async () => {
    const limited = await startTestSandbox({ apiKey: key, trigifyRateLimit: 4 })
    const target = await startTestServer({
      TRIGIFY_API_KEY: key,
      TRIGIFY_BASE_URL: limited.trigifyBaseUrl,
    })
    try {
      const failure = await errorOf(target, '/api/sources/trigify/runs')
      expect(failure.status).toBe(503)
      expect(failure.error.code).toBe('UPSTREAM_RATE_LIMITED')
      expect(failure.error.retryAfterSeconds).toBeGreaterThan(0)
      expect(failure.headers.get('retry-after')).toBe(String(failure.error.retryAfterSeconds))
      // The sync stopped short of the limit: a fifth request would have been a 429.
      expect(limited.requestCount().trigify).toBeLessThanOrEqual(4)
    } finally {
      await target.close()
      await limited.close()
    }
  })
})

describe('requests that never reach the vendor', () => {
  it.each([
    ['/api/sources/puq/runs?pageSize=500', 'pageSize: must be at most 100'],
    ['/api/sources/puq/runs?page=0', 'page: must be at least 1'],
    ['/api/sources/puq/runs?page=two', 'page: must be a whole number'],
    ['/api/sources/puq/runs?status=done', 'status: must be one or more of'],
    ['/api/sources/puq/runs?page=1&page=2', 'page: must be given once'],
    [
      '/api/sources/puq/runs?sort=asc',
      'sort: must be one of -started, started, -duration, duration',
    ],
    ['/api/sources/puq/runs?order=asc', 'order: is not a parameter of this route'],
    ['/api/sources/puq/runs?workflow=..%2Fadmin', 'workflow: must be 1-128'],
    ['/api/sources/puq/runs/..%2F..%2Fv1%2Fworkflows', 'runId: must be 1-128'],
    ['/api/sources/puq/runs/https%3A%2F%2Fevil.example%2Fx', 'runId: must be 1-128'],
    ['/api/sources/trigify/runs/%2E%2E', 'runId: must be 1-128'],
  ])('refuses %s with a 400 naming the parameter', async (path, message) => {
    const before = upstream.requestCount().total
    const response = await server.raw('GET', path)
    expect(response.status).toBe(400)
    const { error } = apiErrorSchema.parse(JSON.parse(response.body))
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message.startsWith(message)).toBe(true)
    expect(upstream.requestCount().total).toBe(before)
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'answers %s with 405 and an Allow header',
    async (method) => {
      const before = upstream.requestCount().total
      for (const path of [
        '/api/sources/puq/runs',
        '/api/sources/trigify/workflows',
        '/api/nope',
        '/',
      ]) {
        const response = await server.raw(method, path, { 'content-type': 'application/json' })
        expect(response.status).toBe(405)
        expect(response.headers).toContain('allow: GET, HEAD')
        expect(apiErrorSchema.parse(JSON.parse(response.body)).error.code).toBe(
          'METHOD_NOT_ALLOWED',
        )
      }
      expect(upstream.requestCount().total).toBe(before)
    },
  )

  it('answers 404 to unknown sources, API routes and path tricks', async () => {
    const before = upstream.requestCount().total
    for (const path of [
      '/api/sources/nope/runs',
      '/api/nope',
      '/api',
      '/api/sources/puq/runs/../../workflows',
      '/api/sources/puq/../trigify/runs',
      '/api/sources/puq/runs/a/b',
      '/api/sources/puq/runs/http://evil.example/x',
    ]) {
      const response = await server.raw('GET', path)
      expect([400, 404]).toContain(response.status)
      expect(apiErrorSchema.parse(JSON.parse(response.body)).error.code).toMatch(
        /NOT_FOUND|BAD_REQUEST/,
      )
    }
    expect(upstream.requestCount().total).toBe(before)
  })
})

describe('answers from the store', () => {
  it('costs the vendor nothing, however many tabs ask', async () => {
    const before = upstream.requestCount().total
    const pages = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.json('/api/sources/trigify/runs?page=4&pageSize=25', runPageSchema),
      ),
    )
    expect(new Set(pages.map((page) => JSON.stringify(page))).size).toBe(1)
    await server.json('/api/sources/puq/runs?status=failed', runPageSchema)
    await server.json('/api/sources/trigify/workflows', workflowsResponseSchema)
    expect(upstream.requestCount().total).toBe(before)
  })
})
