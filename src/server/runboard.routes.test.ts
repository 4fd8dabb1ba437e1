/**
 * Every route against real sandboxes: answers parsed with the shared schemas and compared
 * with what the sandbox itself says (an identical "oracle" sandbox, so reading the truth does
 * not disturb request counts), the Trigify merge order and scan coverage, and no key anywhere.
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
import {
  puqRunDetailSchema,
  puqRunListSchema,
  puqWorkflowListSchema,
  toRun as toPuqRun,
} from './sources/puq'
import {
  readWorkflowList,
  toRun as toTrigifyRun,
  trigifyExecutionPageSchema,
  trigifyWorkflowListSchema,
} from './sources/trigify'
import { recencyKey } from './sources/vendor-time'
import { contentSecurityPolicy } from './security-headers'
import {
  oracle,
  startTestSandbox,
  startTestServer,
  type Sandbox,
  type TestServer,
} from './testing/harness'

const realKey = 'sk-live-REAL-KEY-0123456789'
const demoKey = 'demo-SECRET-KEY-9876543210'

let upstream: Sandbox
let truth: Sandbox
let server: TestServer

beforeAll(async () => {
  upstream = await startTestSandbox({ apiKey: realKey })
  truth = await startTestSandbox({ apiKey: realKey })
  server = await startTestServer({
    RUNBOARD_DEMO: '1',
    SANDBOX_API_KEY: demoKey,
    SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
    TRIGIFY_API_KEY: realKey,
    TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
    PUQ_API_KEY: realKey,
    PUQ_BASE_URL: upstream.puqBaseUrl,
  })
})

afterAll(async () => {
  await server.close()
  await upstream.close()
  await truth.close()
})

const pageOf = (path: string) => server.json(path, runPageSchema)
const ids = (runs: readonly Run[]) => runs.map((run) => run.id)

async function trigifyWorkflowIds(): Promise<string[]> {
  const list = trigifyWorkflowListSchema.parse(
    await oracle(truth, '/trigify/v1/workflows?limit=100'),
  )
  return readWorkflowList(list, 100).items.map((item) => item.id)
}

/** The sandbox's own newest-first history across workflows, `perWorkflow` deep each. */
async function trigifyMergedTruth(perWorkflow: number): Promise<{ runs: Run[]; total: number }> {
  const workflows = await trigifyWorkflowIds()
  const pages = await Promise.all(
    workflows.map(async (workflowId) => {
      const page = trigifyExecutionPageSchema.parse(
        await oracle(
          truth,
          `/trigify/v1/workflows/${workflowId}/executions?page=1&page_size=${perWorkflow}`,
        ),
      )
      return {
        runs: page.data.executions.map((execution) =>
          toTrigifyRun(execution, 'trigify', workflowId),
        ),
        total: page.data.pagination.total_count,
      }
    }),
  )
  // A stable sort of the concatenation keeps workflow order among equal start times, the
  // same tie rule as the server's merge.
  const runs = pages.flatMap((page) => page.runs).sort((a, b) => recencyKey(b) - recencyKey(a))
  return { runs, total: pages.reduce((sum, page) => sum + page.total, 0) }
}

describe('sources, workflows and health', () => {
  it('lists the real and the demo sources', async () => {
    const { items } = await server.json('/api/sources', sourcesResponseSchema)
    expect(items.map((source) => [source.id, source.vendor, source.isDemo, source.label])).toEqual([
      ['trigify', 'trigify', false, 'Trigify'],
      ['puq', 'puq', false, 'puq.ai'],
      ['demo-trigify', 'trigify', true, 'Trigify (demo)'],
      ['demo-puq', 'puq', true, 'puq.ai (demo)'],
    ])
  })

  it.each(['trigify', 'demo-trigify'])('gathers every Trigify workflow (%s)', async (source) => {
    const { items } = await server.json(`/api/sources/${source}/workflows`, workflowsResponseSchema)
    expect(items.map((item) => item.id)).toEqual(await trigifyWorkflowIds())
  })

  it.each(['puq', 'demo-puq'])('lists the puq workflows (%s)', async (source) => {
    const { items } = await server.json(`/api/sources/${source}/workflows`, workflowsResponseSchema)
    const expected = puqWorkflowListSchema.parse(await oracle(truth, '/puq/v1/workflows'))
    expect(items.map((item) => [item.id, item.name])).toEqual(
      expected.map((item) => [item.id, item.name]),
    )
  })

  it('reports health without calling upstream', async () => {
    const before = upstream.requestCount().total
    const health = await server.json('/api/health', healthSchema)
    expect(health.ok).toBe(true)
    expect(health.sources.map((source) => source.id)).toEqual([
      'trigify',
      'puq',
      'demo-trigify',
      'demo-puq',
    ])
    expect(upstream.requestCount().total).toBe(before)
  })
})

describe('puq runs', () => {
  it.each(['puq', 'demo-puq'])(
    'pages, filters and counts exactly as puq does (%s)',
    async (source) => {
      const page = await pageOf(`/api/sources/${source}/runs?page=2&pageSize=20`)
      const expected = puqRunListSchema.parse(
        await oracle(truth, '/puq/v1/executions?page=2&limit=20'),
      )
      expect(ids(page.items)).toEqual(expected.items.map((item) => item.id))
      expect(page.total).toBe(expected.total)
      expect(page.totalPages).toBe(Math.ceil(expected.total / 20))
      expect(page.counts).toEqual({ succeeded: expected.succeeded, failed: expected.failed })
      expect(page.items.every((run) => run.workflowName !== undefined)).toBe(true)

      const workflowId = expected.items[0]?.workflow_id ?? ''
      const filtered = await pageOf(
        `/api/sources/${source}/runs?workflow=${workflowId}&status=failed&pageSize=10`,
      )
      const expectedFiltered = puqRunListSchema.parse(
        await oracle(truth, `/puq/v1/executions?workflow_id=${workflowId}&status=FAILED&limit=10`),
      )
      expect(ids(filtered.items)).toEqual(expectedFiltered.items.map((item) => item.id))
      expect(filtered.total).toBe(expectedFiltered.total)
      expect(
        filtered.items.every((run) => run.status === 'failed' && run.workflowId === workflowId),
      ).toBe(true)
    },
  )

  it('merges several statuses newest first with exact totals', async () => {
    const page = await pageOf('/api/sources/puq/runs?status=failed,running&page=2&pageSize=10')
    const lists = await Promise.all(
      ['FAILED', 'RUNNING'].map(async (status) =>
        puqRunListSchema.parse(
          await oracle(truth, `/puq/v1/executions?status=${status}&limit=100`),
        ),
      ),
    )
    const merged = lists
      .flatMap((list) => list.items.map((item) => toPuqRun(item, 'puq')))
      .sort((a, b) => recencyKey(b) - recencyKey(a))
    expect(ids(page.items)).toEqual(ids(merged.slice(10, 20)))
    expect(page.total).toBe(lists.reduce((sum, list) => sum + list.total, 0))
    expect(page.counts?.failed).toBe(lists[0]?.total)
  })

  it('answers run detail with ordered steps, and 404 for an unknown run', async () => {
    const page = await pageOf('/api/sources/puq/runs?status=failed&pageSize=1')
    const runId = page.items[0]?.id ?? ''
    const detail = await server.json(`/api/sources/puq/runs/${runId}`, runDetailSchema)
    const expected = puqRunDetailSchema.parse(await oracle(truth, `/puq/v1/executions/${runId}`))
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
    'merges all workflows newest first, page after page, without duplicates (%s)',
    async (source) => {
      const truthRuns = await trigifyMergedTruth(100)
      const seen = new Set<string>()
      for (const pageNumber of [1, 2, 3]) {
        const page = await pageOf(`/api/sources/${source}/runs?page=${pageNumber}&pageSize=20`)
        expect(page.coverage).toBeUndefined()
        expect(page.total).toBe(truthRuns.total)
        expect(ids(page.items)).toEqual(
          ids(truthRuns.runs.slice((pageNumber - 1) * 20, pageNumber * 20)),
        )
        const keys = page.items.map(recencyKey)
        expect(keys).toEqual([...keys].sort((a, b) => b - a))
        for (const run of page.items) {
          expect(seen.has(run.id)).toBe(false)
          seen.add(run.id)
        }
      }
      const deep = await pageOf(`/api/sources/${source}/runs?page=2&pageSize=50`)
      expect(ids(deep.items)).toEqual(ids(truthRuns.runs.slice(50, 100)))
    },
  )

  it('maps one workflow page to one upstream page', async () => {
    const [workflowId] = await trigifyWorkflowIds()
    const before = upstream.requestCount().trigify
    const page = await pageOf(`/api/sources/trigify/runs?workflow=${workflowId}&page=3&pageSize=7`)
    const expected = trigifyExecutionPageSchema.parse(
      await oracle(truth, `/trigify/v1/workflows/${workflowId}/executions?page=3&page_size=7`),
    )
    expect(ids(page.items)).toEqual(expected.data.executions.map((item) => item.run_id))
    expect(page.total).toBe(expected.data.pagination.total_count)
    expect(page.totalPages).toBe(expected.data.pagination.total_pages)
    expect(upstream.requestCount().trigify - before).toBe(1)
  })

  it('filters by status with a bounded scan and says what it covered', async () => {
    const truthRuns = await trigifyMergedTruth(100)
    const failed = truthRuns.runs.filter((run) => run.status === 'failed')
    const page = await pageOf('/api/sources/trigify/runs?status=failed&pageSize=10')
    expect(ids(page.items)).toEqual(ids(failed.slice(0, 10)))
    expect(page.coverage?.complete).toBe(false)
    expect(page.coverage?.totalRuns).toBe(truthRuns.total)
    expect(page.coverage?.scannedRuns).toBeGreaterThanOrEqual(10)
    const scanned = truthRuns.runs.slice(0, page.coverage?.scannedRuns)
    expect(page.total).toBe(scanned.filter((run) => run.status === 'failed').length)
    expect(page.coverage?.oldestScannedAt).toBe(scanned.at(-1)?.startedAt)
  })

  it('stops a scan that finds nothing at the request budget', async () => {
    const workflows = await trigifyWorkflowIds()
    const before = upstream.requestCount().trigify
    const page = await pageOf('/api/sources/trigify/runs?status=cancelled&pageSize=10')
    const spent = upstream.requestCount().trigify - before
    expect(page.items).toEqual([])
    expect(page.coverage?.complete).toBe(false)
    expect(page.coverage?.scannedRuns).toBeGreaterThan(0)
    expect(spent).toBeGreaterThan(0)
    expect(spent).toBeLessThanOrEqual(workflows.length + 10)
  })

  it('finds run detail from the by-id cache without calling upstream', async () => {
    const page = await pageOf('/api/sources/trigify/runs?status=failed&pageSize=1')
    const run = page.items[0]
    expect(run).toBeDefined()
    const before = upstream.requestCount().trigify
    const detail = await server.json(`/api/sources/trigify/runs/${run?.id ?? ''}`, runDetailSchema)
    expect(detail).toEqual({ ...run, steps: null })
    expect(detail.failedStep).toBeDefined()
    expect(upstream.requestCount().trigify).toBe(before)
  })

  it('finds run detail by scanning the given workflow, and 404s on unknown runs', async () => {
    // A run deep in the busiest workflow: no earlier page in this suite has reached it.
    const workflows = await trigifyWorkflowIds()
    const firstPages = await Promise.all(
      workflows.map(async (id) => ({
        id,
        page: trigifyExecutionPageSchema.parse(
          await oracle(truth, `/trigify/v1/workflows/${id}/executions?page=1&page_size=1`),
        ),
      })),
    )
    const busiest = firstPages.sort(
      (a, b) => b.page.data.pagination.total_count - a.page.data.pagination.total_count,
    )[0]
    const workflowId = busiest?.id ?? ''
    const page = trigifyExecutionPageSchema.parse(
      await oracle(truth, `/trigify/v1/workflows/${workflowId}/executions?page=3&page_size=100`),
    )
    const target = page.data.executions[5]
    expect(target).toBeDefined()
    const detail = await server.json(
      `/api/sources/demo-trigify/runs/${target?.run_id ?? ''}?workflow=${workflowId}`,
      runDetailSchema,
    )
    expect(detail.id).toBe(target?.run_id)
    expect(detail.workflowId).toBe(workflowId)
    expect(detail.steps).toBeNull()

    const missing = await server.get(
      `/api/sources/demo-trigify/runs/run_nope?workflow=${workflowId}`,
    )
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})

describe('headers and secrets', () => {
  it('sends security headers and no-store on /api', async () => {
    const response = await server.get('/api/sources')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('never puts a key in a response or a log line', () => {
    expect(server.recorded.length).toBeGreaterThan(10)
    expect(server.logs.lines.length).toBeGreaterThan(10)
    for (const key of [realKey, demoKey]) {
      for (const entry of server.recorded) {
        expect(entry.headers).not.toContain(key)
        expect(entry.body).not.toContain(key)
      }
      for (const line of server.logs.lines) expect(line).not.toContain(key)
    }
  })

  it('logs one structured line per request with its upstream calls', () => {
    const lines = server.logs.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request')
    expect(lines.length).toBe(server.recorded.length)
    expect(lines[0]).toMatchObject({ method: 'GET', route: '/api/sources', status: 200 })
    expect(
      lines.some((line) => typeof line.upstreamCalls === 'number' && line.upstreamCalls > 0),
    ).toBe(true)
  })
})
