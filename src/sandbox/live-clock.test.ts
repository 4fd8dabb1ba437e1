/**
 * The history is fixed but "now" moves: with the same data seen at two instants, running runs
 * finish, queued runs start and new runs appear. The clock is moved explicitly (no sleeping).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { startSandbox } from './start'
import type { SandboxHandle } from './start'

const anchor = '2026-11-20T12:00:00.000Z'
const anchorMs = Date.parse(anchor)
const twoHoursLater = new Date(anchorMs + 2 * 3_600_000).toISOString()

const trigifyPageSchema = z.object({
  data: z.object({
    executions: z.array(
      z.object({ run_id: z.string(), status: z.string(), duration: z.number().nullable() }),
    ),
    pagination: z.object({ total_count: z.number() }),
  }),
})
const puqRunSchema = z.object({
  id: z.string(),
  status: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
})
const puqPageSchema = z.object({ items: z.array(puqRunSchema), total: z.number() })

let sandbox: SandboxHandle
beforeAll(async () => {
  sandbox = await startSandbox({ now: anchor, anchor, runs: 20_000 })
})
afterAll(async () => {
  await sandbox.close()
})

const trigifyPage = async (workflowId: string) => {
  const response = await fetch(
    `${sandbox.trigifyBaseUrl}/v1/workflows/${workflowId}/executions?page_size=100`,
    {
      headers: { 'x-api-key': sandbox.apiKey },
    },
  )
  return trigifyPageSchema.parse(await response.json()).data
}
const puqGet = async (path: string): Promise<unknown> => {
  const response = await fetch(`${sandbox.puqBaseUrl}${path}`, {
    headers: { authorization: `Token ${sandbox.apiKey}` },
  })
  const body: unknown = await response.json()
  return body
}

describe('live clock', () => {
  it('finishes running Trigify runs and reveals new ones as time passes', async () => {
    sandbox.setNow(anchor)
    const workflowId = sandbox.data.trigify.workflows[0]?.id ?? ''
    const before = await trigifyPage(workflowId)
    const running = before.executions.filter((execution) => execution.status === 'running')
    expect(running.length).toBeGreaterThan(0)

    sandbox.setNow(twoHoursLater)
    const after = await trigifyPage(workflowId)
    expect(after.pagination.total_count).toBeGreaterThan(before.pagination.total_count)
    for (const run of running) {
      const later = after.executions.find((execution) => execution.run_id === run.run_id)
      expect(later?.status).toMatch(/^(completed|failed)$/)
      expect(later?.duration).toEqual(expect.any(Number))
    }
  })

  it('starts queued puq runs and finishes running ones', async () => {
    sandbox.setNow(anchor)
    const pending = puqPageSchema.parse(await puqGet('/v1/executions?status=PENDING')).items
    const running = puqPageSchema.parse(await puqGet('/v1/executions?status=RUNNING')).items
    expect(pending.length).toBeGreaterThan(0)
    expect(running.length).toBeGreaterThan(0)
    const totalBefore = puqPageSchema.parse(await puqGet('/v1/executions')).total

    sandbox.setNow(twoHoursLater)
    for (const run of [...pending, ...running]) {
      const later = puqRunSchema.parse(await puqGet(`/v1/executions/${run.id}`))
      expect(later.status, run.id).not.toMatch(/^(PENDING|RUNNING)$/)
      expect(later.started_at).not.toBeNull()
    }
    expect(puqPageSchema.parse(await puqGet('/v1/executions')).total).toBeGreaterThan(totalBefore)
  })

  it('moves the clock over HTTP too', async () => {
    const moved = await fetch(`${sandbox.url}/__sandbox/clock`, {
      method: 'POST',
      body: JSON.stringify({ now: twoHoursLater }),
    })
    expect(await moved.json()).toEqual({ now: twoHoursLater, isFrozen: true })
    expect(sandbox.now().toISOString()).toBe(twoHoursLater)
    const live = await fetch(`${sandbox.url}/__sandbox/clock`, {
      method: 'POST',
      body: '{"now":null}',
    })
    expect(await live.json()).toMatchObject({ isFrozen: false })
    expect(Math.abs(sandbox.now().getTime() - Date.now())).toBeLessThan(1_000)
  })

  it('serves one history at two instants when anchored apart from now', async () => {
    const early = await startSandbox({ anchor, now: anchor, runs: 4_000 })
    const late = await startSandbox({ anchor, now: twoHoursLater, runs: 4_000 })
    try {
      expect(Buffer.from(late.data.puq.started.buffer)).toEqual(
        Buffer.from(early.data.puq.started.buffer),
      )
      const total = async (handle: SandboxHandle) => {
        const response = await fetch(`${handle.puqBaseUrl}/v1/executions`, {
          headers: { authorization: `Token ${handle.apiKey}` },
        })
        return puqPageSchema.parse(await response.json()).total
      }
      expect(await total(late)).toBeGreaterThan(await total(early))
    } finally {
      await Promise.all([early.close(), late.close()])
    }
  })

  it('runs on the wall clock without a frozen now, with work in flight at start', async () => {
    const live = await startSandbox({ runs: 4_000 })
    try {
      expect(Math.abs(live.now().getTime() - Date.now())).toBeLessThan(1_000)
      const response = await fetch(`${live.puqBaseUrl}/v1/executions?status=RUNNING`, {
        headers: { authorization: `Token ${live.apiKey}` },
      })
      expect(puqPageSchema.parse(await response.json()).total).toBeGreaterThan(0)
    } finally {
      await live.close()
    }
  })
})
