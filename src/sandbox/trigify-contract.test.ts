/**
 * Trigify's documented contract, checked over real HTTP: envelopes, field names and types,
 * paging, ordering, bounds, auth, not-found, methods and the published rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FAILED } from './history'
import type { VendorHistory } from './history'
import { startSandbox } from './start'
import type { SandboxHandle } from './start'

const frozenNow = '2026-11-20T12:00:00.000Z'
const nowMs = Date.parse(frozenNow)
const isoTime = z.iso.datetime({ offset: true })

// Schemas written from trigify-workflow-executions.txt and the README's notes.
const executionSchema = z.strictObject({
  run_id: z.string().min(1),
  status: z.enum(['running', 'completed', 'failed']),
  started_at: isoTime,
  completed_at: isoTime.nullable(),
  duration: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
})
const executionsBodySchema = z.strictObject({
  success: z.literal(true),
  data: z.strictObject({
    executions: z.array(executionSchema),
    pagination: z.strictObject({
      page: z.number().int().min(1),
      page_size: z.number().int().min(1).max(100),
      total_count: z.number().int().nonnegative(),
      total_pages: z.number().int().nonnegative(),
    }),
  }),
})
const workflowSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullable(),
  workflow: z.strictObject({
    trigger: z.object({ kind: z.string(), name: z.string() }),
    actions: z.array(z.strictObject({ id: z.string(), kind: z.string(), name: z.string() })),
    edges: z.array(z.object({ source: z.string(), target: z.string() })),
  }),
  enabled: z.boolean(),
  status: z.enum(['DRAFT', 'PUBLISHED']),
  created_at: isoTime,
  updated_at: isoTime,
})
const workflowsBodySchema = z.strictObject({
  message: z.string(),
  success: z.literal(true),
  data: z.strictObject({
    items: z.array(workflowSchema),
    total_count: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
    has_more: z.boolean(),
  }),
})
const errorBodySchema = z.strictObject({
  success: z.literal(false),
  error: z.strictObject({
    code: z.string(),
    message: z.string().min(1),
    details: z.record(z.string(), z.unknown()).nullable(),
    suggestion: z.string().nullable(),
  }),
})

let sandbox: SandboxHandle
let history: VendorHistory

beforeAll(async () => {
  sandbox = await startSandbox({
    now: frozenNow,
    seed: 7,
    runs: 20_000,
    trigifyRateLimit: 1_000_000,
  })
  history = sandbox.data.trigify
})
afterAll(async () => {
  await sandbox.close()
})

async function get(path: string, key: string | null = sandbox.apiKey, init: RequestInit = {}) {
  const headers: Record<string, string> = key === null ? {} : { 'x-api-key': key }
  const response = await fetch(`${sandbox.trigifyBaseUrl}${path}`, { ...init, headers })
  const body: unknown = await response.json()
  return { response, body }
}

/** Rows of one workflow visible at the frozen instant, newest first, computed from the data. */
function expectedRows(workflowIndex: number): number[] {
  const rows: number[] = []
  for (let row = 0; row < history.count; row++) {
    if (history.workflow[row] === workflowIndex && (history.started[row] ?? 0) <= nowMs)
      rows.push(row)
  }
  return rows.sort((a, b) => (history.started[b] ?? 0) - (history.started[a] ?? 0) || a - b)
}

function workflowId(index: number): string {
  const workflow = history.workflows[index]
  if (!workflow) throw new Error(`no workflow ${index}`)
  return workflow.id
}

describe('GET /trigify/v1/workflows', () => {
  it('lists every workflow in the documented envelope', async () => {
    const { response, body } = await get('/v1/workflows')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const parsed = workflowsBodySchema.parse(body)
    expect(parsed.data.items.map((item) => item.id)).toEqual(history.workflows.map((w) => w.id))
    expect(parsed.data).toMatchObject({
      total_count: history.workflows.length,
      limit: 20,
      offset: 0,
      has_more: false,
    })
    expect(parsed.data.items.map((item) => item.name)).toContain('Enrich new leads')
    const enrich = parsed.data.items.find((item) => item.name === 'Enrich new leads')
    expect(enrich?.workflow.actions.map((action) => action.name)).toContain('Enrich profile')
    expect(enrich?.workflow.edges).toHaveLength(enrich?.workflow.actions.length ?? -1)
  })

  it('pages with limit and offset and reports has_more', async () => {
    const first = workflowsBodySchema.parse((await get('/v1/workflows?limit=5&offset=0')).body)
    const last = workflowsBodySchema.parse((await get('/v1/workflows?limit=5&offset=10')).body)
    expect(first.data.items).toHaveLength(5)
    expect(first.data.has_more).toBe(true)
    expect(last.data.items.map((item) => item.id)).toEqual(
      history.workflows.slice(10).map((w) => w.id),
    )
    expect(last.data.has_more).toBe(false)
  })

  it('filters by status', async () => {
    const drafts = workflowsBodySchema.parse((await get('/v1/workflows?status=DRAFT')).body)
    const published = workflowsBodySchema.parse((await get('/v1/workflows?status=PUBLISHED')).body)
    expect(drafts.data.items.length).toBeGreaterThan(0)
    expect(drafts.data.items.every((item) => item.status === 'DRAFT' && !item.enabled)).toBe(true)
    expect(published.data.items.every((item) => item.status === 'PUBLISHED')).toBe(true)
    expect(drafts.data.total_count + published.data.total_count).toBe(history.workflows.length)
  })
})

describe('GET /trigify/v1/workflows/{id}/executions', () => {
  it('answers the documented curl example (page=1&page_size=20)', async () => {
    const expected = expectedRows(0)
    const { response, body } = await get(
      `/v1/workflows/${workflowId(0)}/executions?page=1&page_size=20`,
    )
    expect(response.status).toBe(200)
    const parsed = executionsBodySchema.parse(body)
    expect(parsed.data.executions).toHaveLength(20)
    expect(parsed.data.pagination).toEqual({
      page: 1,
      page_size: 20,
      total_count: expected.length,
      total_pages: Math.ceil(expected.length / 20),
    })
    expect(parsed.data.executions.map((execution) => execution.run_id)).toEqual(
      expected.slice(0, 20).map((row) => history.runIds.encode(row)),
    )
  })

  it('defaults to page 1 of 20 and keeps pages contiguous, newest first', async () => {
    const expected = expectedRows(1)
    const pages = await Promise.all(
      [1, 2, 3].map(async (page) =>
        executionsBodySchema.parse(
          (
            await get(
              `/v1/workflows/${workflowId(1)}/executions${page === 1 ? '' : `?page=${page}`}`,
            )
          ).body,
        ),
      ),
    )
    const ids = pages.flatMap((page) => page.data.executions.map((execution) => execution.run_id))
    expect(ids).toEqual(expected.slice(0, 60).map((row) => history.runIds.encode(row)))
    const starts = pages.flatMap((page) =>
      page.data.executions.map((e) => Date.parse(e.started_at)),
    )
    expect(starts).toEqual([...starts].sort((a, b) => b - a))
  })

  it('reports each status with the documented nulls and millisecond durations', async () => {
    const seen = new Set<string>()
    for (let index = 0; index < history.workflows.length; index++) {
      const parsed = executionsBodySchema.parse(
        (await get(`/v1/workflows/${workflowId(index)}/executions?page_size=100`)).body,
      )
      for (const execution of parsed.data.executions) {
        seen.add(execution.status)
        if (execution.status === 'running') {
          expect(execution).toMatchObject({ completed_at: null, duration: null, error: null })
          continue
        }
        const completedAt = Date.parse(execution.completed_at ?? '')
        expect(execution.duration).toBe(completedAt - Date.parse(execution.started_at))
        expect(completedAt).toBeLessThanOrEqual(nowMs)
        if (execution.status === 'failed') expect(execution.error).toEqual(expect.any(String))
        else expect(execution.error).toBeNull()
      }
    }
    expect([...seen].sort()).toEqual(['completed', 'failed', 'running'])
  })

  it('names the failing step in errors, as the vendor does', async () => {
    const failedRows = expectedRows(0).filter((row) => history.outcome[row] === FAILED)
    expect(failedRows.length).toBeGreaterThan(0)
    const parsed = executionsBodySchema.parse(
      (await get(`/v1/workflows/${workflowId(0)}/executions?page_size=100`)).body,
    )
    const errors = parsed.data.executions.flatMap((execution) => execution.error ?? [])
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.some((error) => /^Step '.+' failed: /.test(error))).toBe(true)
  })

  it('answers an empty page past the end, and an empty history for a workflow without runs', async () => {
    const beyond = executionsBodySchema.parse(
      (await get(`/v1/workflows/${workflowId(0)}/executions?page=100000&page_size=100`)).body,
    )
    expect(beyond.data.executions).toEqual([])
    expect(beyond.data.pagination.total_count).toBe(expectedRows(0).length)
    const emptyIndex = history.workflows.findIndex((workflow) => workflow.spec.weight === 0)
    const empty = executionsBodySchema.parse(
      (await get(`/v1/workflows/${workflowId(emptyIndex)}/executions`)).body,
    )
    expect(empty.data).toEqual({
      executions: [],
      pagination: { page: 1, page_size: 20, total_count: 0, total_pages: 0 },
    })
  })
})

describe('Trigify errors', () => {
  it.each([
    ['page=0'],
    ['page=-1'],
    ['page=abc'],
    ['page=1.5'],
    ['page_size=0'],
    ['page_size=101'],
    ['page_size=abc'],
    ['page_size=20&page_size=30'],
  ])('refuses executions?%s with VALIDATION_ERROR 400', async (query) => {
    const { response, body } = await get(`/v1/workflows/${workflowId(0)}/executions?${query}`)
    expect(response.status).toBe(400)
    expect(errorBodySchema.parse(body).error.code).toBe('VALIDATION_ERROR')
  })

  it.each([['limit=0'], ['limit=101'], ['offset=-1'], ['offset=x'], ['status=ARCHIVED']])(
    'refuses workflows?%s with VALIDATION_ERROR 400',
    async (query) => {
      const { response, body } = await get(`/v1/workflows?${query}`)
      expect(response.status).toBe(400)
      expect(errorBodySchema.parse(body).error.code).toBe('VALIDATION_ERROR')
    },
  )

  it('asks for a key when none is sent, and rejects a wrong one', async () => {
    const missing = await get('/v1/workflows', null)
    expect(missing.response.status).toBe(401)
    expect(errorBodySchema.parse(missing.body).error.code).toBe('AUTH_REQUIRED')
    const wrong = await get('/v1/workflows', 'not-the-key')
    expect(wrong.response.status).toBe(401)
    expect(errorBodySchema.parse(wrong.body).error.code).toBe('INVALID_API_KEY')
  })

  it('answers NOT_FOUND for an unknown workflow and an unknown path', async () => {
    for (const path of [
      '/v1/workflows/wf_nope/executions',
      '/v1/runs',
      '/v2/workflows',
      '/v1/workflows/x/y/z',
    ]) {
      const { response, body } = await get(path)
      expect(response.status, path).toBe(404)
      expect(errorBodySchema.parse(body).error.code).toBe('NOT_FOUND')
    }
  })

  it('refuses writes with 405 in the vendor envelope', async () => {
    const { response, body } = await get('/v1/workflows', sandbox.apiKey, { method: 'POST' })
    expect(response.status).toBe(405)
    expect(errorBodySchema.parse(body).success).toBe(false)
  })
})

describe('Trigify rate limit', () => {
  it('sends the RateLimit headers on every answer, errors included', async () => {
    for (const key of [sandbox.apiKey, 'wrong', null]) {
      const { response } = await get('/v1/workflows/none/executions', key)
      expect(response.headers.get('ratelimit-limit')).toBe('1000000')
      expect(Number(response.headers.get('ratelimit-remaining'))).toBeGreaterThan(0)
      const reset = Number(response.headers.get('ratelimit-reset'))
      expect(reset).toBeGreaterThanOrEqual(1)
      expect(reset).toBeLessThanOrEqual(60)
    }
  })

  it('answers 429 with Retry-After past the limit, per key, until reset', async () => {
    const limited = await startSandbox({ now: frozenNow, runs: 100, trigifyRateLimit: 3 })
    try {
      const call = (key: string | null) =>
        fetch(`${limited.trigifyBaseUrl}/v1/workflows`, {
          headers: key === null ? {} : { 'x-api-key': key },
        })
      const remaining: (string | null)[] = []
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await call(limited.apiKey)
        expect(response.status).toBe(200)
        remaining.push(response.headers.get('ratelimit-remaining'))
      }
      expect(remaining).toEqual(['2', '1', '0'])

      const refused = await call(limited.apiKey)
      expect(refused.status).toBe(429)
      expect(refused.headers.get('ratelimit-remaining')).toBe('0')
      expect(refused.headers.get('ratelimit-limit')).toBe('3')
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(errorBodySchema.parse(await refused.json()).error.code).toBe('RATE_LIMITED')

      // Another key, and key-less callers (counted per address), have their own windows.
      expect((await call('another-key')).status).toBe(401)
      expect((await call(null)).status).toBe(401)
      expect(limited.requestCount().trigify).toBe(6)

      const reset = await fetch(`${limited.url}/__sandbox/reset`, { method: 'POST' })
      expect(reset.status).toBe(200)
      expect((await call(limited.apiKey)).status).toBe(200)
      expect(limited.requestCount().trigify).toBe(1)
    } finally {
      await limited.close()
    }
  })
})
