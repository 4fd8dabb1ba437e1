/**
 * Every route against real sandboxes, once the sync has read them into the store: answers
 * parsed with the shared schemas and compared with what the sandbox itself says (an identical
 * "oracle" sandbox, so reading the truth does not disturb request counts): complete paging to
 * the oldest run, exact status totals, runs opened by id alone, and no key anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  healthSchema,
  runDetailSchema,
  runPageSchema,
  sourcesResponseSchema,
  workflowsResponseSchema,
  type Run,
} from '../shared/model'
import { contentSecurityPolicy } from './security-headers'
import {
  puqExecution,
  puqPage,
  puqTruth as puqTruthOf,
  puqWorkflows,
  trigifyTruth as trigifyTruthOf,
  trigifyWorkflowIds as trigifyWorkflowIdsOf,
} from './testing/sandbox-truth'
import {
  oracle,
  startTestSandbox,
  startTestServer,
  type Sandbox,
  type TestServer,
  waitForLive,
} from './testing/harness'

const realKey = 'sk-live-REAL-KEY-0123456789'
const demoKey = 'demo-SECRET-KEY-9876543210'

let upstream: Sandbox
let truth: Sandbox
let server: TestServer

beforeAll(async () => {
  upstream = await startTestSandbox({ apiKey: realKey, runs: 4_000 })
  truth = await startTestSandbox({ apiKey: realKey, runs: 4_000 })
  server = await startTestServer({
    RUNBOARD_DEMO: '1',
    SANDBOX_API_KEY: demoKey,
    SANDBOX_RUNS: '4000',
    SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
    TRIGIFY_API_KEY: realKey,
    TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
    PUQ_API_KEY: realKey,
    PUQ_BASE_URL: upstream.puqBaseUrl,
  })
  await waitForLive(server)
})

afterAll(async () => {
  await server.close()
  await upstream.close()
  await truth.close()
})

const pageOf = (path: string) => server.json(path, runPageSchema)
const ids = (runs: readonly Run[]) => runs.map((run) => run.id)
const trigifyTruth = () => trigifyTruthOf(truth)
const trigifyWorkflowIds = () => trigifyWorkflowIdsOf(truth)
const puqTruth = (query?: string) => puqTruthOf(truth, query)

describe('sources, workflows and health', () => {
  it('lists the real and the demo sources, each with its history read', async () => {
    const { items } = await server.json('/api/sources', sourcesResponseSchema)
    expect(items.map((source) => [source.id, source.vendor, source.isDemo, source.label])).toEqual([
      ['trigify', 'trigify', false, 'Trigify'],
      ['puq', 'puq', false, 'puq.ai'],
      ['demo-trigify', 'trigify', true, 'Trigify (demo)'],
      ['demo-puq', 'puq', true, 'puq.ai (demo)'],
    ])
    const trigify = items[0]?.sync
    const truthRuns = await trigifyTruth()
    expect(trigify).toMatchObject({
      state: 'live',
      runsStored: truthRuns.length,
      vendorTotal: truthRuns.length,
      oldestStoredAt: new Date(truthRuns.at(-1)?.time ?? 0).toISOString(),
    })
    expect(trigify?.lastSyncAt).toEqual(expect.any(String))
  })

  it.each(['trigify', 'demo-trigify'])('gathers every Trigify workflow (%s)', async (source) => {
    const { items } = await server.json(`/api/sources/${source}/workflows`, workflowsResponseSchema)
    expect(items.map((item) => item.id)).toEqual(await trigifyWorkflowIds())
  })

  it.each(['puq', 'demo-puq'])('lists the puq workflows (%s)', async (source) => {
    const { items } = await server.json(`/api/sources/${source}/workflows`, workflowsResponseSchema)
    const expected = puqWorkflows.parse(await oracle(truth, '/puq/v1/workflows'))
    expect(items.map((item) => [item.id, item.name])).toEqual(
      expected.map((item) => [item.id, item.name]),
    )
  })

  it('reports health without calling upstream', async () => {
    const health = await server.json('/api/health', healthSchema)
    expect(health.ok).toBe(true)
    expect(health.sources.map((source) => [source.id, source.reachable])).toEqual([
      ['trigify', true],
      ['puq', true],
      ['demo-trigify', true],
      ['demo-puq', true],
    ])
  })
})

describe('puq runs', () => {
  it.each(['puq', 'demo-puq'])(
    'pages, filters and counts exactly as puq does (%s)',
    async (source) => {
      const all = await puqTruth()
      const page = await pageOf(`/api/sources/${source}/runs?page=2&pageSize=20`)
      expect(ids(page.items)).toEqual(all.slice(20, 40).map((run) => run.id))
      expect(page.total).toBe(all.length)
      expect(page.totalPages).toBe(Math.ceil(all.length / 20))
      const summary = await puqPage(truth, 'limit=1')
      expect(page.counts?.succeeded).toBe(summary.succeeded)
      expect(page.counts?.failed).toBe(summary.failed)
      expect(page.items.every((run) => run.workflowName !== undefined)).toBe(true)

      const workflowId = page.items[0]?.workflowId ?? ''
      const failedOfWorkflow = await puqTruth(`&workflow_id=${workflowId}&status=FAILED`)
      const filtered = await pageOf(
        `/api/sources/${source}/runs?workflow=${workflowId}&status=failed&pageSize=10`,
      )
      expect(ids(filtered.items)).toEqual(failedOfWorkflow.slice(0, 10).map((run) => run.id))
      expect(filtered.total).toBe(failedOfWorkflow.length)
      expect(filtered.coverage).toBeUndefined()
    },
  )

  it('lists several statuses newest first with exact totals', async () => {
    const expected = (await puqTruth()).filter(
      (run) => run.status === 'failed' || run.status === 'running',
    )
    const page = await pageOf('/api/sources/puq/runs?status=failed,running&page=2&pageSize=10')
    expect(ids(page.items)).toEqual(expected.slice(10, 20).map((run) => run.id))
    expect(page.total).toBe(expected.length)
  })

  it('answers run detail with ordered steps, and 404 for an unknown run', async () => {
    const page = await pageOf('/api/sources/puq/runs?status=failed&pageSize=1')
    const runId = page.items[0]?.id ?? ''
    const detail = await server.json(`/api/sources/puq/runs/${runId}`, runDetailSchema)
    const expected = puqExecution.parse(await oracle(truth, `/puq/v1/executions/${runId}`))
    expect(detail.steps?.map((step) => step.id)).toEqual(expected.steps?.map((step) => step.id))
    expect(detail.status).toBe('failed')
    expect(detail.workflowName).toBe(page.items[0]?.workflowName)

    const missing = await server.get('/api/sources/puq/runs/run_does_not_exist')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'NOT_FOUND', source: 'puq' } })
  })
})

describe('Trigify runs', () => {
  it.each(['trigify', 'demo-trigify'])(
    'pages all workflows newest first down to the oldest run (%s)',
    async (source) => {
      const truthRuns = await trigifyTruth()
      const first = await pageOf(`/api/sources/${source}/runs?page=1&pageSize=50`)
      expect(first.coverage).toBeUndefined()
      expect(first.total).toBe(truthRuns.length)
      expect(ids(first.items)).toEqual(truthRuns.slice(0, 50).map((run) => run.id))
      const lastPage = Math.ceil(truthRuns.length / 50)
      const last = await pageOf(`/api/sources/${source}/runs?page=${lastPage}&pageSize=50`)
      expect(ids(last.items)).toEqual(truthRuns.slice((lastPage - 1) * 50).map((run) => run.id))
      expect(last.items.at(-1)?.id).toBe(truthRuns.at(-1)?.id)
      const past = await server.get(`/api/sources/${source}/runs?page=${lastPage + 1}&pageSize=50`)
      expect(past.status).toBe(404)
    },
  )

  it('pages one workflow and filters by status with exact totals', async () => {
    const truthRuns = await trigifyTruth()
    const workflowId = truthRuns[0]?.workflowId ?? ''
    const ofWorkflow = truthRuns.filter((run) => run.workflowId === workflowId)
    const page = await pageOf(`/api/sources/trigify/runs?workflow=${workflowId}&page=2&pageSize=7`)
    expect(ids(page.items)).toEqual(ofWorkflow.slice(7, 14).map((run) => run.id))
    expect(page.total).toBe(ofWorkflow.length)

    const failed = truthRuns.filter((run) => run.status === 'failed')
    const failedPage = await pageOf('/api/sources/trigify/runs?status=failed&pageSize=10')
    expect(ids(failedPage.items)).toEqual(failed.slice(0, 10).map((run) => run.id))
    expect(failedPage.total).toBe(failed.length)
    expect(failedPage.coverage).toBeUndefined()
    expect(
      failedPage.items.every((run) => run.failedStep !== undefined || run.error !== undefined),
    ).toBe(true)
  })

  it('opens a run by id alone, however old, without calling upstream', async () => {
    const truthRuns = await trigifyTruth()
    const oldest = truthRuns.at(-1)
    const before = upstream.requestCount().trigify
    const detail = await server.json(
      `/api/sources/trigify/runs/${oldest?.id ?? ''}`,
      runDetailSchema,
    )
    expect(detail.id).toBe(oldest?.id)
    expect(detail.workflowId).toBe(oldest?.workflowId)
    expect(detail.steps).toBeNull()
    expect(upstream.requestCount().trigify).toBe(before)

    const missing = await server.get('/api/sources/trigify/runs/run_nope')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})

/**
 * Requests of a test's own, so a test about what requests leave behind does not lean on the
 * tests before it: the sources, a puq page and one of its runs (read through for its steps),
 * and a Trigify page.
 */
async function makeSomeRequests(): Promise<number> {
  await server.get('/api/sources')
  const puqPage = await pageOf('/api/sources/puq/runs?pageSize=1')
  await server.get(`/api/sources/puq/runs/${puqPage.items[0]?.id ?? ''}`)
  await pageOf('/api/sources/trigify/runs?pageSize=5')
  return 4
}

describe('headers and secrets', () => {
  it('sends security headers and no-store on /api', async () => {
    const response = await server.get('/api/sources')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('never puts a key in a response or a log line', async () => {
    const recordedBefore = server.recorded.length
    const made = await makeSomeRequests()
    expect(server.recorded.length - recordedBefore).toBe(made)
    // The sync's lines are in the log from the start: both kinds are searched.
    expect(server.logs.lines.length).toBeGreaterThan(made)
    for (const key of [realKey, demoKey]) {
      for (const entry of server.recorded) {
        expect(entry.headers).not.toContain(key)
        expect(entry.body).not.toContain(key)
      }
      for (const line of server.logs.lines) expect(line).not.toContain(key)
    }
  })

  it('logs one structured line per request with its upstream calls', async () => {
    const linesBefore = server.logs.lines.length
    const made = await makeSomeRequests()
    const lines = server.logs.lines
      .slice(linesBefore)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request')
    expect(lines.length).toBe(made)
    expect(lines[0]).toMatchObject({ method: 'GET', route: '/api/sources', status: 200 })
    expect(lines.map((line) => line.route)).toEqual([
      '/api/sources',
      '/api/sources/:source/runs',
      '/api/sources/:source/runs/:runId',
      '/api/sources/:source/runs',
    ])
    expect(lines.every((line) => typeof line.upstreamCalls === 'number')).toBe(true)
  })
})
