/**
 * Freshness: how soon a new run shows on page 1. A sandbox on the live clock (its history
 * keeps arriving, as a vendor's does) is read into the run index with Trigify's limit lifted;
 * then the limit goes back to the real 100 requests a minute and, for a few minutes, page 1 of
 * each source is watched through the API. Every run the vendor created in that time (its
 * truth, read from the sandbox afterwards) counts: its lag is when page 1 first showed it
 * minus when the vendor created it, or "never" if it did not show. Budgets from the run index
 * issue: puq within 30 s, Trigify within 60 s. Trigify requests a minute meanwhile are counted
 * by the sandbox. The poll policy trades lag against requests: a workflow is re-read every
 * (time since its newest run) / 10, between 30 s and 10 minutes, so a long-dormant workflow's
 * first new run can take longer than a busy one's; the figures say which runs those were.
 */
import { z } from 'zod'
import { sleep } from './lib/bounded'
import { sandboxApiKey } from './lib/env'
import { getJson } from './lib/http'
import type { Part } from './lib/part'
import { budgetRow, infoRow, type Row } from './lib/report'
import { readSandboxStats } from './lib/sandbox-control'
import { startServerChild, type ServerChild } from './lib/spawn-server'
import { fmtInt, median, round } from './lib/stats'

const runs = 1_000_000
const budgets = { puq: 30_000, trigify: 60_000 } as const
type SourceId = keyof typeof budgets
const sourceIds = Object.keys(budgets) as SourceId[]

const runSchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  createdAt: z.string().optional(),
  startedAt: z.string().optional(),
})
const pageSchema = z.object({ items: z.array(runSchema) })
const sourcesSchema = z.object({
  items: z.array(z.object({ id: z.string(), sync: z.object({ state: z.string() }) })),
})
const trigifyPageSchema = z.object({
  data: z.object({ executions: z.array(z.object({ run_id: z.string(), started_at: z.string() })) }),
})
const trigifyWorkflowsSchema = z.object({
  data: z.object({ items: z.array(z.object({ id: z.string() })) }),
})
const puqPageSchema = z.object({
  items: z.array(z.object({ id: z.string(), created_at: z.string() })),
})

type Truth = { id: string; createdMs: number }

/** What the vendor created in [fromMs, toMs), read straight from the sandbox. */
async function truthOf(sandboxUrl: string, fromMs: number, toMs: number) {
  const headers = { authorization: `Token ${sandboxApiKey}` }
  const within = (ms: number) => ms >= fromMs && ms < toMs
  const puq = puqPageSchema.parse(
    await getJson(`${sandboxUrl}/puq/v1/executions?limit=100&status=all`, headers),
  )
  const truth: Record<SourceId, Truth[]> = {
    puq: puq.items
      .map((item) => ({ id: item.id, createdMs: Date.parse(item.created_at) }))
      .filter((run) => within(run.createdMs)),
    trigify: [],
  }
  const trigifyHeaders = { 'x-api-key': sandboxApiKey }
  const workflows = trigifyWorkflowsSchema.parse(
    await getJson(`${sandboxUrl}/trigify/v1/workflows?limit=100`, trigifyHeaders),
  )
  for (const { id } of workflows.data.items) {
    const page = trigifyPageSchema.parse(
      await getJson(
        `${sandboxUrl}/trigify/v1/workflows/${id}/executions?page=1&page_size=100`,
        trigifyHeaders,
      ),
    )
    for (const execution of page.data.executions) {
      const createdMs = Date.parse(execution.started_at)
      if (within(createdMs)) truth.trigify.push({ id: execution.run_id, createdMs })
    }
  }
  return truth
}

async function untilLive(server: ServerChild): Promise<void> {
  for (;;) {
    const body = await getJson(`${server.url}/api/sources`).catch(() => undefined)
    const parsed = sourcesSchema.safeParse(body)
    if (parsed.success && parsed.data.items.every((item) => item.sync.state === 'live')) return
    await sleep(1_000)
  }
}

async function setTrigifyLimit(sandboxUrl: string, limit: number): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ trigifyRateLimit: limit }),
  })
  if (!response.ok) throw new Error(`setting the sandbox's limit answered ${response.status}`)
}

export const freshnessPart: Part = {
  name: 'freshness',
  title: 'Freshness: new runs on page 1, live clock, Trigify at its real limit',
  timeoutMs: { full: 15 * 60_000, quick: 10 * 60_000 },
  async run({ quick, log }) {
    const watchMs = quick ? 120_000 : 300_000
    const sandbox = await startServerChild({
      label: 'sandbox (freshness, live clock)',
      mode: 'sandbox',
      env: {
        SANDBOX_RUNS: String(runs),
        SANDBOX_API_KEY: sandboxApiKey,
        SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
      },
    })
    const rows: Row[] = []
    const figures: Record<string, unknown> = { runs, watchMs }
    let server: ServerChild | undefined
    try {
      server = await startServerChild({
        label: 'runboard (freshness)',
        env: {
          HOST: '127.0.0.1',
          PORT: '0',
          RUNBOARD_DEMO: '0',
          RUNBOARD_BENCH_NO_WAIT: '1',
          TRIGIFY_API_KEY: sandboxApiKey,
          TRIGIFY_BASE_URL: `${sandbox.url}/trigify`,
          PUQ_API_KEY: sandboxApiKey,
          PUQ_BASE_URL: `${sandbox.url}/puq`,
        },
      })
      await untilLive(server)
      await setTrigifyLimit(sandbox.url, 100)
      log(`  history read; watching page 1 for ${watchMs / 1000} s at Trigify's real limit`)
      const seen = new Map<string, number>()
      const watch = async () => {
        for (const id of sourceIds) {
          const page = pageSchema.parse(
            await getJson(`${server?.url ?? ''}/api/sources/${id}/runs?pageSize=50`),
          )
          for (const run of page.items) {
            const key = `${id}:${run.id}`
            if (!seen.has(key)) seen.set(key, Date.now())
          }
        }
      }
      await watch()
      const fromMs = Date.now()
      const requestsBefore = (await readSandboxStats(sandbox.url)).requests.trigify
      while (Date.now() - fromMs < watchMs) {
        await watch()
        await sleep(250)
      }
      const trigifyPerMinute =
        ((await readSandboxStats(sandbox.url)).requests.trigify - requestsBefore) /
        ((Date.now() - fromMs) / 60_000)
      // Every run created early enough to have had its whole budget of time to show.
      await setTrigifyLimit(sandbox.url, 1_000_000)
      const truth = await truthOf(sandbox.url, fromMs, fromMs + watchMs - budgets.trigify)
      for (const id of sourceIds) {
        const lags = truth[id].map((run) => {
          const at = seen.get(`${id}:${run.id}`)
          return at === undefined ? Number.POSITIVE_INFINITY : at - run.createdMs
        })
        const within = lags.filter((lag) => lag <= budgets[id]).length
        const shown = lags.filter(Number.isFinite)
        figures[id] = { newRuns: lags.length, within, lagsMs: lags.map((lag) => round(lag, 0)) }
        const worst = lags.length === 0 ? Number.NaN : Math.max(...lags)
        rows.push(
          budgetRow(
            `${id}: new runs on page 1, the slowest of ${fmtInt(lags.length)} created while watched`,
            worst,
            lags.length === 0
              ? 'no new runs in the window'
              : `${round(worst / 1000, 1)} s (median ${round(median(shown) / 1000, 1)} s; ${within} of ${lags.length} within ${budgets[id] / 1000} s)`,
            '<=',
            budgets[id],
            `≤ ${budgets[id] / 1000} s`,
          ),
        )
      }
      figures.trigifyPerMinute = trigifyPerMinute
      rows.push(
        infoRow(
          'Trigify requests a minute while watching (new runs arriving)',
          `${round(trigifyPerMinute, 1)} of 100 allowed`,
        ),
      )
    } finally {
      await server?.close().catch(() => undefined)
      await sandbox.close()
    }
    return { rows, figures }
  },
}
