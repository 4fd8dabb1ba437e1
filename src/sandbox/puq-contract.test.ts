/**
 * puq.ai's documented contract, checked over real HTTP: the curl examples of the executions
 * page, every field and type, exact totals of the filtered set (recounted here from the raw
 * data), ordering, steps, bounds, auth and not-found bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { VendorHistory } from './history'
import { startSandbox } from './start'
import type { SandboxHandle } from './start'

const frozenNow = '2026-11-20T12:00:00.000Z'
const nowMs = Date.parse(frozenNow)
const isoTime = z.iso.datetime({ offset: true })
const statuses = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'PAUSED'] as const
type Status = (typeof statuses)[number]

// Schemas written from puq-executions.txt and the README's notes.
const runSchema = z.strictObject({
  id: z.string().min(1),
  workflow_id: z.string().min(1),
  version_id: z.string().min(1),
  version_display_name: z.string().min(1),
  type: z.enum(['TEST', 'WEBHOOK_ASYNC', 'WEBHOOK_SYNC', 'SCHEDULE']),
  status: z.enum(statuses),
  duration: z.number().nonnegative().nullable(),
  created_at: isoTime,
  started_at: isoTime.nullable(),
  finished_at: isoTime.nullable(),
})
const listSchema = z.strictObject({
  items: z.array(runSchema),
  total: z.number().int().nonnegative(),
  succeeded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  limit: z.number().int().min(1).max(100),
})
const stepSchema = z.strictObject({
  id: z.string().min(1),
  step_name: z.string().min(1),
  step_type: z.enum(['TRIGGER', 'PIECE']),
  status: z.enum(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED']),
  attempt: z.number().int().min(1),
  error: z.string().nullable(),
  duration: z.number().nonnegative(),
  created_at: isoTime,
  started_at: isoTime.nullable(),
  finished_at: isoTime.nullable(),
})
const detailSchema = runSchema.extend({ steps: z.array(stepSchema), step_count: z.number().int() })
const workflowSummarySchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullable(),
  webhook_url: z.url(),
  created_at: isoTime,
  updated_at: isoTime,
})
const workflowDetailSchema = workflowSummarySchema.extend({
  status: z.enum(['enabled', 'disabled']),
  active_version_id: z.string().min(1),
  next_run_at: isoTime.nullable(),
  trigger_type: z.string(),
})
const errorSchema = z.strictObject({ error: z.string().min(1), code: z.string().optional() })

let sandbox: SandboxHandle
let history: VendorHistory

beforeAll(async () => {
  sandbox = await startSandbox({ now: frozenNow, seed: 11, runs: 20_000 })
  history = sandbox.data.puq
})
afterAll(async () => {
  await sandbox.close()
})

async function get(
  path: string,
  authorization: string | null = `Token ${sandbox.apiKey}`,
  init: RequestInit = {},
) {
  const headers: Record<string, string> = authorization === null ? {} : { authorization }
  const response = await fetch(`${sandbox.puqBaseUrl}${path}`, { ...init, headers })
  const body: unknown = await response.json()
  return { response, body }
}

/** The status of a row at the frozen instant, from the raw arrays and the documented meaning. */
function statusOf(row: number): Status | null {
  if ((history.created[row] ?? 0) > nowMs) return null
  if ((history.started[row] ?? 0) > nowMs) return 'PENDING'
  if ((history.ended[row] ?? 0) > nowMs) return 'RUNNING'
  return (
    (['SUCCEEDED', 'FAILED', 'CANCELLED', 'PAUSED'] as const)[history.outcome[row] ?? 0] ?? null
  )
}

/**
 * Visible rows matching a filter, newest first by `created_at`: the one time every run has
 * (a queued run has no `started_at` yet), then by row for runs created at the same instant.
 */
function expectedRows(filter: { workflow?: number; status?: Status }): number[] {
  const rows: { row: number; key: number }[] = []
  for (let row = 0; row < history.count; row++) {
    const status = statusOf(row)
    if (status === null) continue
    if (filter.workflow !== undefined && history.workflow[row] !== filter.workflow) continue
    if (filter.status !== undefined && status !== filter.status) continue
    rows.push({ row, key: history.created[row] ?? 0 })
  }
  return rows.sort((a, b) => b.key - a.key || a.row - b.row).map((entry) => entry.row)
}

const idsOf = (rows: number[]) => rows.map((row) => history.runIds.encode(row))
const listed = async (query: string) => {
  const { response, body } = await get(`/v1/executions${query}`)
  expect(response.status).toBe(200)
  return listSchema.parse(body)
}
function workflowAt(index: number) {
  const workflow = history.workflows[index]
  if (!workflow) throw new Error(`no workflow ${index}`)
  return workflow
}

describe('puq workflows', () => {
  it('GET /v1/workflows answers a bare array of summaries', async () => {
    const { response, body } = await get('/v1/workflows')
    expect(response.status).toBe(200)
    const workflows = z.array(workflowSummarySchema).parse(body)
    expect(workflows.map((workflow) => workflow.id)).toEqual(history.workflows.map((w) => w.id))
    expect(workflows.some((workflow) => workflow.description === null)).toBe(true)
  })

  it('GET /v1/workflows/{id} adds status, active version and next run', async () => {
    const scheduled = history.workflows.find((w) => w.spec.isScheduled && w.spec.isEnabled)
    const { body } = await get(`/v1/workflows/${scheduled?.id ?? ''}`)
    const detail = workflowDetailSchema.parse(body)
    expect(detail.status).toBe('enabled')
    expect(detail.active_version_id).toBe(scheduled?.versions.at(-1)?.id)
    expect(Date.parse(detail.next_run_at ?? '')).toBeGreaterThan(nowMs)
    const disabled = history.workflows.find((w) => !w.spec.isEnabled)
    expect(
      workflowDetailSchema.parse((await get(`/v1/workflows/${disabled?.id ?? ''}`)).body).status,
    ).toBe('disabled')
  })

  it('answers the documented 404 for an unknown workflow', async () => {
    const { response, body } = await get('/v1/workflows/workflow_nope')
    expect(response.status).toBe(404)
    expect(body).toEqual({ error: 'Workflow not found or access denied' })
  })
})

describe('GET /puq/v1/executions (the documented curl examples)', () => {
  it('all runs: page 1 of 20, newest first, totals of everything visible', async () => {
    const expected = expectedRows({})
    const page = await listed('')
    expect(page.items.map((item) => item.id)).toEqual(idsOf(expected.slice(0, 20)))
    expect(page).toMatchObject({
      page: 1,
      limit: 20,
      total: expected.length,
      succeeded: expected.filter((row) => statusOf(row) === 'SUCCEEDED').length,
      failed: expected.filter((row) => statusOf(row) === 'FAILED').length,
    })
  })

  it('?workflow_id= filters to one workflow', async () => {
    const workflow = workflowAt(2)
    const page = await listed(`?workflow_id=${workflow.id}`)
    expect(page.items.length).toBe(20)
    expect(page.items.every((item) => item.workflow_id === workflow.id)).toBe(true)
    expect(page.items.map((item) => item.id)).toEqual(
      idsOf(expectedRows({ workflow: 2 }).slice(0, 20)),
    )
  })

  it('?status=SUCCEEDED filters by status and counts only that status', async () => {
    const expected = expectedRows({ status: 'SUCCEEDED' })
    const page = await listed('?status=SUCCEEDED')
    expect(page.items.every((item) => item.status === 'SUCCEEDED')).toBe(true)
    expect(page.items.map((item) => item.id)).toEqual(idsOf(expected.slice(0, 20)))
    expect(page).toMatchObject({ total: expected.length, succeeded: expected.length, failed: 0 })
  })

  it('?page=2&limit=50 continues where page 1 ends', async () => {
    const page = await listed('?page=2&limit=50')
    expect(page).toMatchObject({ page: 2, limit: 50 })
    expect(page.items.map((item) => item.id)).toEqual(idsOf(expectedRows({}).slice(50, 100)))
  })

  it('orders deep pages newest first by creation', async () => {
    const page = await listed('?page=40&limit=100')
    const keys = page.items.map((item) => Date.parse(item.created_at))
    expect(keys).toHaveLength(100)
    expect(keys).toEqual([...keys].sort((a, b) => b - a))
    expect(page.items.map((item) => item.id)).toEqual(idsOf(expectedRows({}).slice(3900, 4000)))
  })

  it('lists queued and started runs together by created_at, not started_at', async () => {
    const page = await listed('?limit=100')
    const created = page.items.map((item) => Date.parse(item.created_at))
    expect(created).toEqual([...created].sort((a, b) => b - a))
    expect(page.items.some((item) => item.started_at === null)).toBe(true)
    // A run that waited in the queue starts after runs created later: by start, the page
    // would be in another order.
    const started = page.items.flatMap((item) =>
      item.started_at === null ? [] : [Date.parse(item.started_at)],
    )
    expect(started).not.toEqual([...started].sort((a, b) => b - a))
  })

  it('reports total, succeeded and failed of the whole filtered set for every filter', async () => {
    const filters: { workflow?: number; status?: Status }[] = [{}]
    for (const status of statuses) filters.push({ status })
    for (let workflow = 0; workflow < history.workflows.length; workflow++) {
      filters.push({ workflow })
      for (const status of statuses) filters.push({ workflow, status })
    }
    for (const filter of filters) {
      const params = new URLSearchParams({ limit: '1' })
      if (filter.workflow !== undefined) params.set('workflow_id', workflowAt(filter.workflow).id)
      if (filter.status !== undefined) params.set('status', filter.status)
      const expected = expectedRows(filter)
      const page = await listed(`?${params}`)
      expect(
        { total: page.total, succeeded: page.succeeded, failed: page.failed },
        params.toString(),
      ).toEqual({
        total: expected.length,
        succeeded: expected.filter((row) => statusOf(row) === 'SUCCEEDED').length,
        failed: expected.filter((row) => statusOf(row) === 'FAILED').length,
      })
      expect(page.items.map((item) => item.id)).toEqual(idsOf(expected.slice(0, 1)))
    }
  })

  it('has all six statuses, each with the documented nulls', async () => {
    for (const status of statuses) {
      const page = await listed(`?status=${status}&limit=100`)
      expect(page.items.length, status).toBeGreaterThan(0)
      for (const item of page.items) {
        const isStarted = status !== 'PENDING'
        const isFinished = ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(status)
        expect(item.started_at !== null, `${status} started_at`).toBe(isStarted)
        expect(item.finished_at !== null, `${status} finished_at`).toBe(isFinished)
        expect(item.duration !== null, `${status} duration`).toBe(isFinished)
        if (item.duration !== null) {
          expect(item.duration).toBeCloseTo(
            (Date.parse(item.finished_at ?? '') - Date.parse(item.started_at ?? '')) / 1000,
            6,
          )
        }
      }
    }
  })

  it('accepts status=all and answers an empty page for an unknown workflow', async () => {
    expect((await listed('?status=all')).total).toBe(expectedRows({}).length)
    expect(await listed('?workflow_id=workflow_unknown')).toEqual({
      items: [],
      total: 0,
      succeeded: 0,
      failed: 0,
      page: 1,
      limit: 20,
    })
  })
})

describe('GET /puq/v1/executions/{id}', () => {
  const detailOf = async (row: number) => {
    const { response, body } = await get(`/v1/executions/${history.runIds.encode(row)}`)
    expect(response.status).toBe(200)
    return detailSchema.parse(body)
  }

  it('answers the documented example shape: the run plus steps and step_count', async () => {
    const [row] = expectedRows({ status: 'SUCCEEDED' })
    const detail = await detailOf(row ?? -1)
    const listedRun = (await listed('?status=SUCCEEDED&limit=1')).items[0]
    const { steps, step_count: stepCount, ...run } = detail
    expect(run).toEqual(listedRun)
    expect(stepCount).toBe(steps.length)
    expect(steps[0]?.step_type).toBe('TRIGGER')
    expect(steps.slice(1).every((step) => step.step_type === 'PIECE')).toBe(true)
    expect(steps.every((step) => step.status === 'SUCCEEDED' && step.error === null)).toBe(true)
  })

  it('keeps steps consistent with the run for every status', async () => {
    for (const status of statuses) {
      for (const row of expectedRows({ status }).slice(0, 25)) {
        const detail = await detailOf(row)
        const { steps } = detail
        expect(steps.length, status).toBeGreaterThanOrEqual(2)
        expect(steps.length, status).toBeLessThanOrEqual(12)
        expect(new Set(steps.map((step) => step.id)).size).toBe(steps.length)
        const runStart = Date.parse(detail.started_at ?? detail.created_at)
        const runEnd = detail.finished_at === null ? nowMs : Date.parse(detail.finished_at)
        for (const step of steps) {
          if (step.started_at === null) {
            expect(step.status).toBe('PENDING')
            continue
          }
          expect(Date.parse(step.started_at)).toBeGreaterThanOrEqual(runStart)
          expect(Date.parse(step.finished_at ?? frozenNow)).toBeLessThanOrEqual(runEnd)
        }
        const last = steps.filter((step) => step.status !== 'PENDING').at(-1)
        if (status === 'FAILED') {
          expect(last?.status).toBe('FAILED')
          expect(last?.error).toEqual(expect.any(String))
        }
        if (status === 'SUCCEEDED') {
          expect(last?.status).toBe('SUCCEEDED')
          // A failed attempt only ever precedes a retry of the same step.
          steps.forEach((step, index) => {
            if (step.status !== 'FAILED') return
            expect(steps[index + 1]).toMatchObject({
              step_name: step.step_name,
              attempt: step.attempt + 1,
            })
          })
        }
        if (status === 'PENDING')
          expect(steps.every((step) => step.status === 'PENDING')).toBe(true)
        if (status === 'PAUSED') expect(steps.at(-1)?.status).toBe('PENDING')
        if (status !== 'RUNNING')
          expect(steps.some((step) => step.status === 'RUNNING')).toBe(false)
      }
    }
  })

  it('shows the step in progress of a running run', async () => {
    const running = expectedRows({ status: 'RUNNING' })
    const details = await Promise.all(running.map((row) => detailOf(row)))
    const inProgress = details.flatMap((detail) =>
      detail.steps.filter((step) => step.status === 'RUNNING'),
    )
    expect(inProgress.length).toBeGreaterThan(0)
    expect(inProgress.every((step) => step.finished_at === null && step.started_at !== null)).toBe(
      true,
    )
  })

  it('answers the documented 404 for unknown, malformed and not-yet-created ids', async () => {
    let future = -1
    for (let row = 0; row < history.count && future < 0; row++) {
      if ((history.created[row] ?? 0) > nowMs) future = row
    }
    expect(future).toBeGreaterThanOrEqual(0)
    for (const id of [
      'run_def456',
      'nope',
      history.runIds.encode(history.count + 5),
      history.runIds.encode(future),
    ]) {
      const { response, body } = await get(`/v1/executions/${id}`)
      expect(response.status, id).toBe(404)
      expect(body).toEqual({ error: 'Execution not found or access denied' })
    }
  })
})

describe('puq errors', () => {
  it.each([
    ['page=0'],
    ['page=-2'],
    ['page=x'],
    ['limit=0'],
    ['limit=101'],
    ['limit=abc'],
    ['limit=2.5'],
    ['status=succeeded'],
    ['status=DONE'],
    ['workflow_id=a&workflow_id=b'],
  ])('refuses ?%s with a 400 VALIDATION_ERROR', async (query) => {
    const { response, body } = await get(`/v1/executions?${query}`)
    expect(response.status).toBe(400)
    expect(errorSchema.parse(body).code).toBe('VALIDATION_ERROR')
  })

  it.each([[null], ['Token wrong-key'], ['Bearer sandbox-key'], ['sandbox-key']])(
    'answers the documented 401 for Authorization %s',
    async (authorization) => {
      const { response, body } = await get('/v1/executions', authorization)
      expect(response.status).toBe(401)
      expect(body).toEqual({ error: 'Unauthorized: Invalid or expired API key' })
    },
  )

  it('answers 404 in puq’s shape for unknown paths', async () => {
    for (const path of ['/v1/runs', '/v2/executions', '/v1/executions/run_x/steps']) {
      const { response, body } = await get(path)
      expect(response.status, path).toBe(404)
      expect(errorSchema.parse(body).error).toBe('Not found')
    }
  })

  it('refuses writes (the key could change workflows) with 405', async () => {
    const workflow = workflowAt(0)
    for (const method of ['PATCH', 'POST', 'DELETE']) {
      const { response, body } = await get(
        `/v1/workflows/${workflow.id}/status`,
        `Token ${sandbox.apiKey}`,
        { method },
      )
      expect(response.status, method).toBe(405)
      expect(errorSchema.parse(body).error).toMatch(/not allowed/)
    }
  })
})
