/**
 * What a vendor's answer leaves to the server. Its listing order is not the answer's order:
 * Trigify's own documented example lists a running run after two older completed ones, and puq
 * gives a pending run no start time, so the server answers newest start first (creation time
 * for a run that has not started, then the id, descending, for runs that started at the same
 * instant) whatever order the vendor used. And a count the vendor leaves out is not a zero:
 * the counts are the server's own, of the runs it holds. A fake upstream serves the documented
 * examples over HTTP, in the order the vendor printed them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPageSchema } from '../../shared/model'
import { startTestServer, waitForLive, type TestServer } from '../testing/harness'
import { readFixture } from './read-fixture'

type Json = Record<string, unknown>

const puqRun = (id: string, created: string, started: string | null): Json => ({
  id,
  workflow_id: 'workflow_abc123',
  version_id: 'v1',
  version_display_name: 'v1',
  type: 'WEBHOOK_ASYNC',
  status: started === null ? 'PENDING' : 'SUCCEEDED',
  duration: started === null ? null : 1,
  created_at: created,
  started_at: started,
  finished_at: started === null ? null : new Date(Date.parse(started) + 1000).toISOString(),
})

/** In the vendor's order, which is not newest first. */
const puqRuns: Json[] = [
  ...(readFixture('puq-executions.documented.json') as { items: Json[] }).items,
  puqRun('run_tie_a', '2025-01-04T12:04:00Z', '2025-01-04T12:05:00Z'),
  puqRun('run_pending', '2025-01-04T12:10:00Z', null),
  puqRun('run_tie_b', '2025-01-04T12:04:30Z', '2025-01-04T12:05:00Z'),
]

function trigifyExecutions(workflowId: string, page: number): Json {
  const documented = readFixture('trigify-executions.documented.json') as {
    data: { executions: Json[] }
  }
  const executions = workflowId === 'wf_abc123' && page === 1 ? documented.data.executions : []
  const total = workflowId === 'wf_abc123' ? documented.data.executions.length : 0
  return {
    success: true,
    data: {
      executions,
      pagination: { page, page_size: 100, total_count: total, total_pages: total > 0 ? 1 : 0 },
    },
  }
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://upstream')
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(body))
  }
  const page = Number(url.searchParams.get('page') ?? 1)
  const executions = /^\/trigify\/v1\/workflows\/([^/]+)\/executions$/.exec(url.pathname)
  const detail = /^\/puq\/v1\/executions\/([^/]+)$/.exec(url.pathname)
  if (url.pathname === '/trigify/v1/workflows')
    return send(200, readFixture('trigify-workflows.json'))
  if (executions) return send(200, trigifyExecutions(executions[1] ?? '', page))
  if (url.pathname === '/puq/v1/workflows') return send(200, readFixture('puq-workflows.json'))
  if (url.pathname === '/puq/v1/executions') {
    // No `succeeded` or `failed`: the docs list them, but a vendor answer may leave them out.
    const items = page === 1 ? puqRuns : []
    return send(200, { items, total: puqRuns.length, page, limit: 100 })
  }
  const run = puqRuns.find((candidate) => candidate.id === detail?.[1])
  if (run) return send(200, { ...run, steps: [], step_count: 0 })
  return send(404, { error: 'Execution not found or access denied' })
}

let upstream: ReturnType<typeof createServer>
let server: TestServer

beforeAll(async () => {
  upstream = createServer(answer)
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  server = await startTestServer({
    TRIGIFY_API_KEY: 'order-test-key-1',
    TRIGIFY_BASE_URL: `${base}/trigify`,
    PUQ_API_KEY: 'order-test-key-2',
    PUQ_BASE_URL: `${base}/puq`,
  })
  await waitForLive(server)
})

afterAll(async () => {
  await server.close()
  await new Promise((resolve) => upstream.close(resolve))
})

describe('the answer is newest first whatever the vendor order', () => {
  it("puts Trigify's documented running run before the older completed ones", async () => {
    const page = await server.json('/api/sources/trigify/runs', runPageSchema)
    expect(page.items.map((run) => run.id)).toEqual(['run_a1b2c3', 'run_x7k9m2', 'run_p3n8q1'])
  })

  it('sorts a puq run that has not started by its creation, and equal starts by id', async () => {
    const page = await server.json('/api/sources/puq/runs', runPageSchema)
    expect(page.items.map((run) => run.id)).toEqual([
      'run_pending',
      'run_tie_b',
      'run_tie_a',
      'run_def456',
    ])
  })

  it('keeps that order one workflow at a time', async () => {
    const page = await server.json('/api/sources/trigify/runs?workflow=wf_abc123', runPageSchema)
    expect(page.items.map((run) => run.id)).toEqual(['run_a1b2c3', 'run_x7k9m2', 'run_p3n8q1'])
  })
})

describe('counts the vendor leaves out', () => {
  it('are counted from the runs, not read as zero', async () => {
    const page = await server.json('/api/sources/puq/runs', runPageSchema)
    expect(page.total).toBe(4)
    expect(page.counts).toMatchObject({ succeeded: 3, pending: 1, failed: 0 })
  })
})
