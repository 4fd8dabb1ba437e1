/**
 * Resilience under load: 200 concurrent connections for 20 s over a mix of routes (sources,
 * runs pages of both demo sources with varied page numbers and filters, run detail,
 * workflows) while the sandbox fails 10% of its answers with a 5xx and adds 150 ms of
 * latency. Trigify's rate limit is lifted for this part (SANDBOX_TRIGIFY_RATE_LIMIT=1000000):
 * at this load any server would pass 429s through, which says nothing about resilience. The
 * server (with its embedded sandbox) runs in a child process with --expose-gc; memory is read
 * after a warm-up and again after the load and a settle, both right after a forced GC.
 * Beside the load, one stats request a second asks for a window holding a midnight that a
 * clock change skips (Havana, Azores, Santiago in turn): such a window once hung the server.
 * Budget: no crash, < 1% errors to clients, every DST-edge request answered, heap back within
 * 10% of before.
 */
import { z } from 'zod'
import { sleep } from './lib/bounded'
import { demoEnv } from './lib/env'
import { getJson, timedGet, type TimedResponse } from './lib/http'
import { runLoad, type LoadResult } from './lib/load'
import type { Part } from './lib/part'
import { budgetRow, infoRow, type Row } from './lib/report'
import { diffStats, readSandboxStats, setSandboxFaults } from './lib/sandbox-control'
import type { MemorySnapshot } from './lib/child-protocol'
import { startServerChild } from './lib/spawn-server'
import { fmtInt, fmtMb, fmtMs, fmtPct, fmtRatio, percentile, round } from './lib/stats'

const connections = 200
const faultRate = 0.1
const latencyMs = 150

const workflowsSchema = z.object({ items: z.array(z.object({ id: z.string() })) })
const pageSchema = z.object({
  items: z.array(z.object({ id: z.string(), workflowId: z.string() })),
  totalPages: z.number(),
})

/** Stats windows each holding a midnight that its zone's clock change skips (00:00 -> 01:00). */
const dstEdgeWindows = [
  'tz=America/Havana&from=2026-03-06T17:00:00Z&to=2026-03-09T17:00:00Z',
  'tz=Atlantic/Azores&from=2026-03-27T12:00:00Z&to=2026-03-30T12:00:00Z',
  'tz=America/Santiago&from=2026-09-04T12:00:00Z&to=2026-09-07T12:00:00Z',
]
const dstEdgeTimeoutMs = 10_000

type DstEdgeFigures = {
  sent: number
  answered: number
  statusCodes: Record<string, number>
  p99: number
}

/**
 * One DST-edge stats request a second for `seconds`, by day, on both demo sources. Each is
 * sent on time whether or not the last has answered, so a hung server shows as unanswered
 * requests rather than as a stream that quietly stopped.
 */
async function dstEdgeStream(url: string, seconds: number): Promise<DstEdgeFigures> {
  const startedAt = performance.now()
  const pending: Promise<TimedResponse | undefined>[] = []
  for (let index = 0; index < seconds; index += 1) {
    await sleep(startedAt + index * 1_000 - performance.now())
    const window = dstEdgeWindows[index % dstEdgeWindows.length] ?? ''
    const source = index % 2 === 0 ? 'demo-puq' : 'demo-trigify'
    pending.push(
      timedGet(
        `${url}/api/sources/${source}/stats?${window}&bucket=day`,
        {},
        dstEdgeTimeoutMs,
      ).catch(() => undefined),
    )
  }
  const answers = (await Promise.all(pending)).filter((answer) => answer !== undefined)
  const statusCodes: Record<string, number> = {}
  for (const answer of answers) {
    statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1
  }
  return {
    sent: pending.length,
    answered: answers.length,
    statusCodes,
    p99: percentile(
      answers.map((answer) => answer.ms),
      99,
    ),
  }
}

/** A small seeded generator (mulberry32), so every run hits the same mix in the same order. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

export const resiliencePart: Part = {
  name: 'resilience',
  title: 'Resilience: 200 connections on a failing upstream',
  timeoutMs: { full: 240_000, quick: 150_000 },
  async run({ quick, log }) {
    const seconds = quick ? 5 : 20
    const server = await startServerChild({
      label: 'Runboard (resilience)',
      env: demoEnv({
        SANDBOX_FAULT_RATE: String(faultRate),
        SANDBOX_LATENCY_MS: String(latencyMs),
        SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
      }),
    })
    const rows: Row[] = []
    const figures: Record<string, unknown> = { connections, seconds, faultRate, latencyMs }
    try {
      // Gather real ids with the faults off, then turn them back on.
      await setSandboxFaults(server.sandboxUrl, { faultRate: 0 })
      const api = (path: string) => `${server.url}/api${path}`
      const puqWorkflows = workflowsSchema.parse(
        await getJson(api('/sources/demo-puq/workflows')),
      ).items
      const trigifyWorkflows = workflowsSchema.parse(
        await getJson(api('/sources/demo-trigify/workflows')),
      ).items
      const puqPage = pageSchema.parse(
        await getJson(api('/sources/demo-puq/runs?page=1&pageSize=100')),
      )
      const trigifyRuns: { id: string; workflowId: string }[] = []
      for (const workflow of trigifyWorkflows.slice(0, 4)) {
        const page = pageSchema.parse(
          await getJson(
            api(`/sources/demo-trigify/runs?workflow=${workflow.id}&page=1&pageSize=25`),
          ),
        )
        trigifyRuns.push(...page.items)
      }
      // Pages past the end are 404s (a correct answer, not a fault): ask only for real ones.
      const pagesOf = async (path: string) =>
        Math.max(1, pageSchema.parse(await getJson(api(path))).totalPages)
      const failedPuqPages = await pagesOf('/sources/demo-puq/runs?status=failed')
      const puqWorkflowPages = new Map<string, number>()
      for (const workflow of puqWorkflows) {
        puqWorkflowPages.set(
          workflow.id,
          await pagesOf(`/sources/demo-puq/runs?workflow=${workflow.id}&pageSize=50`),
        )
      }
      const trigifyWorkflowPages = new Map<string, number>()
      for (const workflow of trigifyWorkflows) {
        trigifyWorkflowPages.set(
          workflow.id,
          await pagesOf(`/sources/demo-trigify/runs?workflow=${workflow.id}`),
        )
      }
      await setSandboxFaults(server.sandboxUrl, { faultRate })

      const random = seededRandom(20261120)
      const pick = <T>(items: readonly T[]): T => {
        const item = items[Math.floor(random() * items.length)]
        if (item === undefined) throw new Error('nothing to pick from')
        return item
      }
      const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
      const routes: { weight: number; make: () => string }[] = [
        { weight: 8, make: () => '/api/sources' },
        { weight: 4, make: () => '/api/sources/demo-puq/workflows' },
        { weight: 4, make: () => '/api/sources/demo-trigify/workflows' },
        { weight: 18, make: () => `/api/sources/demo-puq/runs?page=${int(1, puqPage.totalPages)}` },
        {
          weight: 8,
          make: () => `/api/sources/demo-puq/runs?status=failed&page=${int(1, failedPuqPages)}`,
        },
        {
          weight: 6,
          make: () => {
            const { id } = pick(puqWorkflows)
            const page = int(1, puqWorkflowPages.get(id) ?? 1)
            return `/api/sources/demo-puq/runs?workflow=${id}&page=${page}&pageSize=50`
          },
        },
        {
          weight: 14,
          make: () => {
            const { id } = pick(trigifyWorkflows)
            return `/api/sources/demo-trigify/runs?workflow=${id}&page=${int(1, trigifyWorkflowPages.get(id) ?? 1)}`
          },
        },
        { weight: 8, make: () => `/api/sources/demo-trigify/runs?page=${int(1, 3)}` },
        { weight: 3, make: () => `/api/sources/demo-trigify/runs?status=failed` },
        { weight: 14, make: () => `/api/sources/demo-puq/runs/${pick(puqPage.items).id}` },
        {
          weight: 13,
          make: () => {
            const run = pick(trigifyRuns)
            return `/api/sources/demo-trigify/runs/${run.id}?workflow=${run.workflowId}`
          },
        },
      ]
      const totalWeight = routes.reduce((total, route) => total + route.weight, 0)
      const paths = Array.from({ length: 8_000 }, () => {
        let roll = random() * totalWeight
        for (const route of routes) {
          roll -= route.weight
          if (roll < 0) return route.make()
        }
        return '/api/sources'
      })
      let next = 0
      const load = (duration: number, connectionCount: number): Promise<LoadResult> =>
        runLoad({
          url: server.url,
          connections: connectionCount,
          duration,
          requests: [
            {
              method: 'GET',
              setupRequest: (request) => ({
                ...request,
                path: paths[next++ % paths.length] ?? '/api/sources',
              }),
            },
          ],
        })

      const settleMs = quick ? 12_000 : 42_000
      await load(quick ? 2 : 3, 20)
      await sleep(1_000)
      const before = await server.gc()
      const procBefore = server.procMemory()
      await server.resetPeak()
      const statsBefore = await readSandboxStats(server.sandboxUrl)
      log(
        `  ${connections} connections for ${seconds} s, upstream failing ${faultRate * 100}% with ${latencyMs} ms latency ...`,
      )
      const [result, dstEdge] = await Promise.all([
        load(seconds, connections),
        dstEdgeStream(server.url, seconds),
      ])
      const upstream = diffStats(statsBefore, await readSandboxStats(server.sandboxUrl))
      const peak = await server.memory()
      const health = server.isAlive()
        ? await timedGet(api('/health')).catch(() => undefined)
        : undefined
      const alive = server.isAlive() && health !== undefined && health.status < 500
      // "After the load" is once the short-lived caches it filled have expired and been swept
      // (pages 5 s, merged histories 30 s, sweep every 10 s); what stays is what would leak.
      await sleep(settleMs)
      const after = alive ? await server.gc() : undefined
      const procAfter = server.procMemory()
      // The same load once more: a bounded cache fills up once, a leak keeps growing.
      let second: { result: LoadResult; after: MemorySnapshot | undefined } | undefined
      if (alive) {
        const secondResult = await load(seconds, connections)
        await sleep(settleMs)
        second = { result: secondResult, after: server.isAlive() ? await server.gc() : undefined }
      }
      const aliveAtEnd = alive && server.isAlive()
      const growthOnRepeat =
        second?.after === undefined || after === undefined
          ? Number.NaN
          : second.after.heapUsed / after.heapUsed

      const failed = result.non2xx + result.errors
      const errorShare = failed / Math.max(1, result.total + result.errors)
      const non2xxByCode = Object.fromEntries(
        Object.entries(result.statusCodes).filter(([code]) => !code.startsWith('2')),
      )
      const heapRatio = after === undefined ? Number.NaN : after.heapUsed / before.heapUsed
      const rssRatio = after === undefined ? Number.NaN : after.rss / before.rss
      Object.assign(figures, {
        result,
        errorShare,
        non2xxByCode,
        alive,
        aliveAtEnd,
        second,
        growthOnRepeat,
        dstEdge,
        health:
          health === undefined
            ? undefined
            : { status: health.status, body: health.text.slice(0, 500) },
        exit: server.exit(),
        memory: {
          before,
          after,
          peakDuringLoad: { rss: peak.peakRss, heapUsed: peak.peakHeapUsed },
          procBefore,
          procAfter,
        },
        heapRatio,
        rssRatio,
        upstream: { total: upstream.total, trigify: upstream.trigify, puq: upstream.puq },
        mix: routes.map((route) => ({ weight: route.weight, example: route.make() })),
      })
      log(
        `  served ${fmtInt(result.total)} (${fmtInt(result.rps)} req/s), failed ${fmtInt(failed)} (${fmtPct(errorShare)}), p99 ${fmtMs(result.p99)}; heap ${fmtMb(before.heapUsed)} -> ${fmtMb(after?.heapUsed ?? Number.NaN)}, RSS ${fmtMb(before.rss)} -> ${fmtMb(after?.rss ?? Number.NaN)}`,
      )

      const dstCodes = Object.entries(dstEdge.statusCodes)
        .map(([code, count]) => `${code}: ${fmtInt(count)}`)
        .join(', ')
      const dstUnanswered = dstEdge.sent - dstEdge.answered
      log(
        `  DST-edge stats: ${dstEdge.answered} of ${dstEdge.sent} answered (${dstCodes || 'none'}), p99 ${fmtMs(dstEdge.p99)}`,
      )
      const codes = Object.entries(non2xxByCode)
        .map(([code, count]) => `${code}: ${fmtInt(count)}`)
        .join(', ')
      rows.push(
        {
          figure: 'server survived the load (alive, /api/health answers)',
          value: aliveAtEnd
            ? `yes (health HTTP ${health.status}, and after a second load)`
            : `no (${JSON.stringify(server.exit() ?? 'no answer')})`,
          budget: 'no crash',
          verdict: aliveAtEnd ? 'ok' : 'over',
        },
        budgetRow(
          'errors passed to clients (non-2xx + socket errors)',
          errorShare,
          `${fmtPct(errorShare)} (${fmtInt(failed)} of ${fmtInt(result.total + result.errors)}${codes === '' ? '' : `; ${codes}`}${result.errors > 0 ? `; socket errors ${result.errors}` : ''})`,
          '<',
          0.01,
          '< 1%',
        ),
        budgetRow(
          'server heap after load / before (after GC)',
          heapRatio,
          `${fmtRatio(heapRatio)} (${fmtMb(before.heapUsed)} -> ${fmtMb(after?.heapUsed ?? Number.NaN)})`,
          '<=',
          1.1,
          '<= 1.10x',
        ),
        infoRow(
          'server heap after a second identical load / after the first',
          second === undefined
            ? 'n/a'
            : `${fmtRatio(growthOnRepeat)} (${fmtMb(after?.heapUsed ?? Number.NaN)} -> ${fmtMb(second.after?.heapUsed ?? Number.NaN)}; errors ${fmtPct((second.result.non2xx + second.result.errors) / Math.max(1, second.result.total + second.result.errors))})`,
        ),
        budgetRow(
          'DST-edge stats windows during the load (1/s: Havana, Azores, Santiago)',
          dstUnanswered,
          `${fmtInt(dstEdge.answered)} of ${fmtInt(dstEdge.sent)} answered within ${dstEdgeTimeoutMs / 1000} s (${dstCodes || 'none'}), p99 ${fmtMs(dstEdge.p99)}`,
          '<=',
          0,
          'all answer',
        ),
        infoRow(
          'server RSS after load / before',
          `${fmtRatio(rssRatio)} (${fmtMb(before.rss)} -> ${fmtMb(after?.rss ?? Number.NaN)}, peak ${fmtMb(peak.peakRss)})`,
        ),
        infoRow(
          'requests served under load',
          `${fmtInt(result.total)} in ${seconds} s (${fmtInt(result.rps)} req/s), p50 ${fmtMs(result.p50)}, p99 ${fmtMs(result.p99)}`,
        ),
        infoRow(
          'upstream requests during the load',
          `${fmtInt(upstream.total)} (trigify ${fmtInt(upstream.trigify)}, puq ${fmtInt(upstream.puq)})`,
        ),
      )
      figures.heapRatio = round(heapRatio, 3)
    } finally {
      await server.close()
    }
    return { rows, figures }
  },
}
