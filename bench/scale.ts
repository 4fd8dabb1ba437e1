/**
 * Scale: a 1,000,000-run sandbox (SANDBOX_RUNS=1000000, embedded in demo mode) behind the
 * server. For both demo sources, the first, a middle and the last page of runs (demo-trigify
 * filtered to one workflow so it pages 1:1, plus its all-workflows page 1), each timed
 *  - cold: the first request for that page (one sample),
 *  - uncached p50: pages at the same position with page sizes 11..30, so every sample misses
 *    the server's 5 s page cache and is a fresh upstream call (for the all-workflows merge,
 *    samples taken after its 10 s history cache expired),
 *  - cached p50: the same URL again (served from the page cache);
 * the cold and warm 7-day stats call; and the server process's peak memory (VmHWM of the child
 * process, which holds the embedded sandbox's history too; the sandbox alone is measured in a
 * process of its own for comparison). Budget: uncached page p50 < 20 ms for every page, peak
 * memory < 300 MB.
 */
import { z } from 'zod'
import { sleep } from './lib/bounded'
import { demoEnv, lastSevenDays } from './lib/env'
import { getJson, timedGet } from './lib/http'
import type { Part } from './lib/part'
import { budgetRow, infoRow, type Row } from './lib/report'
import { diffStats, readSandboxStats } from './lib/sandbox-control'
import { startServerChild, type ServerChild } from './lib/spawn-server'
import { fmtInt, fmtMb, fmtMs, median, round } from './lib/stats'

const runs = 1_000_000
const pageBudgetMs = 20
const memoryBudgetBytes = 300 * 1024 * 1024
const pageSchema = z.object({
  total: z.number(),
  totalPages: z.number(),
  items: z.array(z.object({ id: z.string() })),
})
const workflowsSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })

type PageTarget = { source: string; workflow?: string; label: string }
type Position = 'first' | 'middle' | 'last'

function pageAt(position: Position, total: number, pageSize: number): number {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (position === 'first') return 1
  if (position === 'middle') return Math.ceil(pages / 2)
  return pages
}

async function timedOk(url: string): Promise<number> {
  const response = await timedGet(url)
  if (response.status !== 200) {
    throw new Error(`GET ${url} answered HTTP ${response.status}: ${response.text.slice(0, 200)}`)
  }
  return response.ms
}

async function sandboxAloneMemory() {
  const sandbox = await startServerChild({
    label: 'sandbox alone (scale)',
    mode: 'sandbox',
    env: demoEnv({ SANDBOX_RUNS: String(runs) }),
  })
  try {
    await sleep(300)
    return {
      startupMs: round(sandbox.startupMs, 0),
      proc: sandbox.procMemory(),
      memory: await sandbox.memory(),
    }
  } finally {
    await sandbox.close()
  }
}

export const scalePart: Part = {
  name: 'scale',
  title: 'Scale: 1,000,000 runs',
  timeoutMs: { full: 420_000, quick: 240_000 },
  async run({ quick, log }) {
    const samples = quick ? 5 : 15
    const sandboxAlone = await sandboxAloneMemory()
    log(
      `  sandbox alone with ${fmtInt(runs)} runs: peak ${fmtMb(sandboxAlone.proc?.vmHwm ?? Number.NaN)} (started in ${sandboxAlone.startupMs} ms)`,
    )

    const server: ServerChild = await startServerChild({
      label: 'Runboard (scale)',
      env: demoEnv({ SANDBOX_RUNS: String(runs), SANDBOX_TRIGIFY_RATE_LIMIT: '1000000' }),
    })
    const rows: Row[] = []
    const figures: Record<string, unknown> = { runs, samplesPerPage: samples, sandboxAlone }
    try {
      figures.startup = {
        startupMs: round(server.startupMs, 0),
        memory: server.memoryAtReady,
        proc: server.procMemory(),
      }
      await server.resetPeak()
      const api = (path: string) => `${server.url}/api${path}`

      const trigifyWorkflows = workflowsSchema.parse(
        await getJson(api('/sources/demo-trigify/workflows')),
      )
      const workflow = trigifyWorkflows.items[0]
      if (workflow === undefined) throw new Error('demo-trigify has no workflows')
      const targets: PageTarget[] = [
        { source: 'demo-puq', label: 'demo-puq' },
        {
          source: 'demo-trigify',
          workflow: workflow.id,
          label: `demo-trigify workflow=${workflow.id}`,
        },
      ]
      const runsUrl = (target: PageTarget, page: number, pageSize: number) =>
        api(
          `/sources/${target.source}/runs?${target.workflow === undefined ? '' : `workflow=${target.workflow}&`}page=${page}&pageSize=${pageSize}`,
        )

      // JIT and pools warm, on page sizes the measurements never use (the all-workflows merge
      // on page sizes whose merge chunk, 50 or 100, is not the one page 1 x 20 uses).
      for (let index = 0; index < 20; index++) {
        for (const target of targets) await timedOk(runsUrl(target, 2 + index, 7))
      }
      await timedOk(api('/sources/demo-trigify/runs?page=1&pageSize=35'))
      await timedOk(api('/sources/demo-trigify/runs?page=1&pageSize=60'))

      const pageFigures: Record<string, unknown>[] = []
      for (const target of targets) {
        const first = pageSchema.parse(await getJson(runsUrl(target, 1, 10)))
        for (const position of ['first', 'middle', 'last'] as const) {
          const page20 = pageAt(position, first.total, 20)
          const before = await readSandboxStats(server.sandboxUrl)
          const coldMs = await timedOk(runsUrl(target, page20, 20))
          const uncached: number[] = []
          const sizes = Array.from({ length: 20 }, (_, index) => 11 + index).filter(
            (size) => size !== 20,
          )
          for (const size of sizes.slice(0, samples)) {
            uncached.push(await timedOk(runsUrl(target, pageAt(position, first.total, size), size)))
          }
          const afterUncached = await readSandboxStats(server.sandboxUrl)
          const cached: number[] = []
          for (let index = 0; index < samples; index++)
            cached.push(await timedOk(runsUrl(target, page20, 20)))
          const upstream = diffStats(before, afterUncached).total
          const p50 = median(uncached)
          const entry = {
            target: target.label,
            position,
            page: page20,
            totalPages: Math.ceil(first.total / 20),
            coldMs: round(coldMs, 2),
            uncachedP50Ms: round(p50, 2),
            cachedP50Ms: round(median(cached), 2),
            uncachedSamplesMs: uncached.map((value) => round(value, 2)),
            upstreamCallsForColdAndUncached: upstream,
          }
          pageFigures.push(entry)
          log(
            `  ${target.label} page ${fmtInt(page20)} of ${fmtInt(entry.totalPages)}: uncached p50 ${fmtMs(p50)}, cold ${fmtMs(coldMs)}, cached p50 ${fmtMs(entry.cachedP50Ms)} (${upstream} upstream calls for ${uncached.length + 1} uncached requests)`,
          )
          rows.push(
            budgetRow(
              `${target.label} page ${fmtInt(page20)}/${fmtInt(entry.totalPages)} p50 (uncached)`,
              p50,
              `${fmtMs(p50)} (cold ${fmtMs(coldMs)}, cached ${fmtMs(entry.cachedP50Ms)})`,
              '<',
              pageBudgetMs,
              '< 20 ms',
            ),
          )
        }
      }

      // demo-trigify across all workflows: a merge of one page per workflow, cached for 10 s.
      {
        const mergedUrl = api('/sources/demo-trigify/runs?page=1&pageSize=20')
        const before = await readSandboxStats(server.sandboxUrl)
        const uncached = [await timedOk(mergedUrl)]
        const upstream = diffStats(before, await readSandboxStats(server.sandboxUrl)).total
        const cached: number[] = []
        for (let index = 0; index < samples; index++) cached.push(await timedOk(mergedUrl))
        for (let index = 1; index < (quick ? 1 : 3); index++) {
          await sleep(10_500)
          uncached.push(await timedOk(mergedUrl))
        }
        const p50 = median(uncached)
        const entry = {
          target: 'demo-trigify all workflows',
          position: 'first',
          page: 1,
          coldMs: round(uncached[0] ?? Number.NaN, 2),
          uncachedP50Ms: round(p50, 2),
          cachedP50Ms: round(median(cached), 2),
          uncachedSamplesMs: uncached.map((value) => round(value, 2)),
          upstreamCallsPerUncachedPage: upstream,
        }
        pageFigures.push(entry)
        log(
          `  demo-trigify all workflows page 1: uncached p50 ${fmtMs(p50)} of ${uncached.length}, cached p50 ${fmtMs(entry.cachedP50Ms)} (${upstream} upstream calls)`,
        )
        rows.push(
          budgetRow(
            'demo-trigify all workflows page 1 p50 (uncached)',
            p50,
            `${fmtMs(p50)} (cold ${fmtMs(entry.coldMs)}, cached ${fmtMs(entry.cachedP50Ms)}, ${upstream} upstream calls)`,
            '<',
            pageBudgetMs,
            '< 20 ms',
          ),
        )
      }
      figures.pages = pageFigures

      // The 7-day stats call (a route being added; 404 until it exists).
      const { from, to } = lastSevenDays()
      const statsFigures: Record<string, unknown> = {}
      for (const source of ['demo-puq', 'demo-trigify']) {
        const url = api(
          `/sources/${source}/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        )
        const before = await readSandboxStats(server.sandboxUrl)
        const cold = await timedGet(url)
        const coldUpstream = diffStats(before, await readSandboxStats(server.sandboxUrl))
        const upstream = coldUpstream.total
        if (cold.status === 404) {
          statsFigures[source] = { status: 404, body: cold.text.slice(0, 300) }
          rows.push(infoRow(`${source} 7-day stats, cold / warm`, 'n/a (no stats route)'))
          continue
        }
        const beforeWarm = await readSandboxStats(server.sandboxUrl)
        const warm: number[] = []
        for (let index = 0; index < 5; index++) warm.push((await timedGet(url)).ms)
        const warmUpstream =
          diffStats(beforeWarm, await readSandboxStats(server.sandboxUrl)).total / 5
        const shown =
          cold.status === 200
            ? `${fmtMs(cold.ms)} / ${fmtMs(median(warm))} (upstream calls: ${upstream} cold, ${round(warmUpstream, 1)} per warm call)`
            : `HTTP ${cold.status} (${cold.text.slice(0, 80)})`
        statsFigures[source] = {
          status: cold.status,
          coldMs: round(cold.ms, 2),
          warmP50Ms: round(median(warm), 2),
          upstreamCallsCold: upstream,
          upstreamCallsPerWarmCall: warmUpstream,
          coldUpstreamPaths: Object.keys(coldUpstream.byPath).length,
          body: cold.text.slice(0, 600),
        }
        rows.push(infoRow(`${source} 7-day stats, cold / warm`, shown))
        log(`  ${source} 7-day stats: ${shown}`)
      }
      figures.stats = statsFigures

      const memory = await server.memory()
      const proc = server.procMemory()
      const peak = proc?.vmHwm ?? memory.peakRss
      figures.memory = { proc, memory, startupRss: server.memoryAtReady.rss }
      rows.push(
        budgetRow(
          'server process peak memory (VmHWM, embedded 1M-run sandbox included)',
          peak,
          `${fmtMb(peak)} (after start-up ${fmtMb(server.memoryAtReady.rss)}; sandbox alone peaks at ${fmtMb(sandboxAlone.proc?.vmHwm ?? Number.NaN)})`,
          '<',
          memoryBudgetBytes,
          '< 300 MB',
        ),
      )
      rows.push(infoRow('server heap used, peak during the requests', fmtMb(memory.peakHeapUsed)))
    } finally {
      await server.close()
    }
    return { rows, figures }
  },
}
