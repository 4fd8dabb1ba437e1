/**
 * A source whose history is still being read: answers say what they rest on, and a run the
 * backfill has not reached yet is "not read yet", never "no longer exists". The server's sync
 * is stopped early on a slow sandbox, so the state holds still while the test looks at it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiErrorSchema, runPageSchema, sourcesResponseSchema } from '../shared/model'
import {
  readWorkflowList,
  trigifyExecutionPageSchema,
  trigifyWorkflowListSchema,
} from './sources/trigify'
import {
  oracle,
  startTestSandbox,
  startTestServer,
  waitUntil,
  type Sandbox,
  type TestServer,
} from './testing/harness'

let upstream: Sandbox
let server: TestServer

beforeAll(async () => {
  upstream = await startTestSandbox({ latencyMs: 30 })
  server = await startTestServer({
    TRIGIFY_API_KEY: upstream.apiKey,
    TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
  })
  const [sync] = server.syncs
  await waitUntil(() => Promise.resolve(sync?.isReady() === true), 'the first pages')
  await sync?.stop()
})

afterAll(async () => {
  await server.close()
  await upstream.close()
})

describe('while the history is read', () => {
  it('says what a page rests on, and the sync state says how far it got', async () => {
    const page = await server.json('/api/sources/trigify/runs', runPageSchema)
    const { items } = await server.json('/api/sources', sourcesResponseSchema)
    const sync = items[0]?.sync
    expect(sync?.state).toBe('backfilling')
    expect(sync?.runsStored).toBeGreaterThan(0)
    expect(sync?.runsStored).toBeLessThan(sync?.vendorTotal ?? 0)
    expect(page.coverage).toMatchObject({
      complete: false,
      scannedRuns: sync?.runsStored,
      totalRuns: sync?.vendorTotal,
    })
    expect(page.total).toBe(sync?.runsStored)
  })

  it('says a run it has not reached is not read yet, and how far the history is read', async () => {
    const list = readWorkflowList(
      trigifyWorkflowListSchema.parse(await oracle(upstream, '/trigify/v1/workflows?limit=100')),
      100,
    )
    // The oldest run of the busiest workflow: far past what the first pages hold.
    let oldest: { id: string; total: number } | undefined
    for (const workflow of list.items) {
      const first = trigifyExecutionPageSchema.parse(
        await oracle(
          upstream,
          `/trigify/v1/workflows/${workflow.id}/executions?page=1&page_size=1`,
        ),
      )
      const total = first.data.pagination.total_count
      if (oldest === undefined || total > oldest.total) {
        const last = trigifyExecutionPageSchema.parse(
          await oracle(
            upstream,
            `/trigify/v1/workflows/${workflow.id}/executions?page=${total}&page_size=1`,
          ),
        )
        oldest = { id: last.data.executions[0]?.run_id ?? '', total }
      }
    }
    const response = await server.get(`/api/sources/trigify/runs/${oldest?.id ?? ''}`)
    expect(response.status).toBe(404)
    const { error } = apiErrorSchema.parse(JSON.parse(response.body))
    expect(error.message).toMatch(
      new RegExp(
        `^Run ${oldest?.id ?? ''} is not read yet: Trigify's history is read back to \\d{1,2} [A-Z][a-z]{2} \\d{4}`,
      ),
    )
    expect(error.message).not.toMatch(/no longer exists/)
  })
})
