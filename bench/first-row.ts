/**
 * Time to first row: a deep link `/runs?source=demo-puq&status=failed&page=N` in headless
 * Chromium against a framework-free baseline page served by the same server that fetches the
 * same API page and renders the same rows. Time is measured in the page: performance.now()
 * when the first `tbody tr[data-run-id]` enters the DOM (the app's arrives in the
 * server-rendered HTML). App and baseline loads alternate (ABBA). Budget: app <= 1.0x baseline
 * with 150 ms of upstream latency, in a fresh browser context per load, for a page number no
 * load used before (so the server's caches never help) and for a shared link (a colleague's
 * browser loaded the same address just before, so the server has it); also reported with 0 ms
 * and with a warm browser (assets cached, new pages). Then the app's time to interactive (a
 * click on a row opens its drawer), for a first visit and a returning reader, and the server's
 * cost of rendering: req/s of the rendered page against its API page (budget >= 0.7x).
 * Both sides read pages from the run index, so the upstream latency only shows where a page
 * would be read through (it is not here: the history is read before the part measures).
 */
import type { Browser, BrowserContext } from '@playwright/test'
import { z } from 'zod'
import { errorMessage, sleep } from './lib/bounded'
import { baselinePath, prepareDistWithBaseline } from './lib/baseline-page'
import {
  firstRowSelector,
  launchChromium,
  loadUntilFirstRow,
  newProbedContext,
  waitForFirstRow,
  type FirstRowTiming,
} from './lib/browser'
import { demoEnv } from './lib/env'
import { getJson } from './lib/http'
import type { Part } from './lib/part'
import { budgetRow, infoRow, type Row } from './lib/report'
import { setSandboxFaults } from './lib/sandbox-control'
import { startServerChild } from './lib/spawn-server'
import { runLoad } from './lib/load'
import { fmtInt, fmtMs, fmtRatio, median, round } from './lib/stats'

type Side = 'app' | 'baseline'
/**
 * `browser`: how the measured load's browser starts: `fresh` (nothing cached) or `warm` (one
 * context per side, its assets cached from earlier loads). `page`: `new` (no one asked the
 * server for it before) or `shared` (a colleague's browser loaded the same address just before:
 * the "page in the server's cache", a shared link).
 */
type Scenario = {
  key: string
  label: string
  latencyMs: number
  browser: 'fresh' | 'warm'
  page: 'new' | 'shared'
  budget: boolean
}

const scenarios: readonly Scenario[] = [
  {
    key: 'cold150',
    label: 'new page, fresh browser, 150 ms upstream',
    latencyMs: 150,
    browser: 'fresh',
    page: 'new',
    budget: true,
  },
  {
    key: 'shared150',
    label: 'shared link (page in the server cache), fresh browser, 150 ms upstream',
    latencyMs: 150,
    browser: 'fresh',
    page: 'shared',
    budget: true,
  },
  {
    key: 'cold0',
    label: 'new page, fresh browser, 0 ms upstream',
    latencyMs: 0,
    browser: 'fresh',
    page: 'new',
    budget: false,
  },
  {
    key: 'warm150',
    label: 'new page, warm browser, 150 ms upstream',
    latencyMs: 150,
    browser: 'warm',
    page: 'new',
    budget: false,
  },
]

const pageInfoSchema = z.object({ totalPages: z.number() })

type Load = {
  side: Side
  page: number
  timing?: Omit<FirstRowTiming, 'probe'>
  resourcesAtFirstRow?: number
  error?: string
}

function summarize(loads: readonly Load[], side: Side) {
  const ok = loads.filter((load) => load.side === side && load.timing !== undefined)
  const pick = (
    field:
      'firstRowMs' | 'runsRequestStartMs' | 'runsRequestEndMs' | 'lastScriptEndMs' | 'longTaskMs',
  ) =>
    round(
      median(
        ok
          .map((load) => load.timing?.[field])
          .filter((value): value is number => value !== undefined),
      ),
      1,
    )
  return {
    loads: ok.length,
    failures: loads.filter((load) => load.side === side && load.error !== undefined).length,
    firstRowMs: pick('firstRowMs'),
    samplesMs: ok.map((load) => round(load.timing?.firstRowMs ?? Number.NaN, 1)),
    runsRequestStartMs: pick('runsRequestStartMs'),
    runsRequestEndMs: pick('runsRequestEndMs'),
    lastScriptEndMs: pick('lastScriptEndMs'),
    longTaskMs: pick('longTaskMs'),
  }
}

export const firstRowPart: Part = {
  name: 'first-row',
  title: 'Time to first row vs a framework-free baseline',
  timeoutMs: { full: 600_000, quick: 240_000 },
  async run({ quick, log, ensureBuild }) {
    const build = await ensureBuild()
    const dist = await prepareDistWithBaseline(build.distDir)
    const server = await startServerChild({
      label: 'Runboard (first row)',
      // 50,000 runs: enough failed puq runs (about 190 pages) for a different page on every load. They are read
      // at full speed; each scenario then sets its vendor latency.
      env: demoEnv({ SANDBOX_RUNS: '50000' }),
      distDir: dist.dir,
    })
    const { browser, close: closeBrowser } = await launchChromium()
    const perSide = quick ? 3 : 11
    const results: Record<string, { scenario: Scenario; loads: Load[] }> = {}
    let throughput: { html: number; api: number }
    const interactive: Record<string, number> = {}
    try {
      const { totalPages } = pageInfoSchema.parse(
        await getJson(`${server.url}/api/sources/demo-puq/runs?status=failed&page=1`),
      )
      // Every load gets its own page; the app also prefetches page N+1, so steps of 2.
      let nextPage = 2
      // An object, not a `let`: TypeScript does not see the closure's write.
      const reuse = { wrapped: false }
      const takePage = () => {
        nextPage += 2
        if (nextPage > totalPages) {
          nextPage = 4
          reuse.wrapped = true
        }
        return nextPage
      }
      const urlFor = (side: Side, page: number) =>
        side === 'app'
          ? `${server.url}/runs?source=demo-puq&status=failed&page=${page}`
          : `${server.url}${baselinePath}?source=demo-puq&status=failed&page=${page}`

      for (const scenario of scenarios) {
        await setSandboxFaults(server.sandboxUrl, { latencyMs: scenario.latencyMs })
        const warmContexts: Partial<Record<Side, BrowserContext>> = {}
        const contextFor = async (
          side: Side,
        ): Promise<{ context: BrowserContext; dispose: boolean }> => {
          if (scenario.browser === 'fresh') {
            return { context: await newProbedContext(browser), dispose: true }
          }
          warmContexts[side] ??= await newProbedContext(browser)
          return { context: warmContexts[side], dispose: false }
        }
        const loadOnce = async (side: Side): Promise<Load> => {
          const page = takePage()
          if (scenario.page === 'shared') await primeAsColleague(browser, urlFor(side, page))
          const { context, dispose } = await contextFor(side)
          try {
            const { probe, ...timing } = await loadUntilFirstRow(context, urlFor(side, page))
            return { side, page, timing, resourcesAtFirstRow: probe.resources.length }
          } catch (error) {
            return { side, page, error: errorMessage(error) }
          } finally {
            if (dispose) await context.close().catch(() => undefined)
            // Let the app's after-first-row work (prefetch of page N+1) finish before the next load.
            await sleep(250)
          }
        }
        try {
          // Unmeasured: JIT, connection pools, the workflow-name cache; primes warm contexts.
          await loadOnce('app')
          await loadOnce('baseline')
          const loads: Load[] = []
          for (let index = 0; index < perSide; index++) {
            const order: Side[] = index % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app']
            for (const side of order) loads.push(await loadOnce(side))
          }
          results[scenario.key] = { scenario, loads }
          const app = summarize(loads, 'app')
          const baseline = summarize(loads, 'baseline')
          log(
            `  ${scenario.label}: app ${fmtMs(app.firstRowMs)} vs baseline ${fmtMs(baseline.firstRowMs)} = ${fmtRatio(app.firstRowMs / baseline.firstRowMs)} (medians of ${app.loads}/${baseline.loads}; app runs request ${fmtMs(app.runsRequestStartMs)}..${fmtMs(app.runsRequestEndMs)}, scripts done ${fmtMs(app.lastScriptEndMs)}, long tasks ${fmtMs(app.longTaskMs)})`,
          )
          const failures = loads.filter((load) => load.error !== undefined)
          if (failures.length > perSide) {
            throw new Error(
              `${failures.length} of ${loads.length} loads failed: ${failures[0]?.error ?? ''}`,
            )
          }
        } finally {
          for (const context of Object.values(warmContexts))
            await context.close().catch(() => undefined)
        }
      }
      if (reuse.wrapped)
        log('  (ran out of distinct pages; some page numbers were reused after the cache TTL)')
      await setSandboxFaults(server.sandboxUrl, { latencyMs: 150 })
      for (const reader of readers) {
        const times: number[] = []
        for (let index = 0; index < perSide; index++) {
          times.push(await timeToInteractive(browser, urlFor('app', takePage()), reader.cookie))
        }
        interactive[reader.key] = median(times)
        log(
          `  time to interactive, ${reader.label}: ${fmtMs(median(times))} (median of ${perSide})`,
        )
      }
      await setSandboxFaults(server.sandboxUrl, { latencyMs: 0 })
      throughput = await htmlAgainstApi(server.url, quick)
      log(
        `  rendered /runs HTML ${fmtInt(throughput.html)} req/s vs its API page ${fmtInt(throughput.api)} req/s = ${fmtRatio(throughput.html / throughput.api)}`,
      )
    } finally {
      await closeBrowser()
      await server.close()
      await dist.remove()
    }

    const rows: Row[] = []
    const figures: Record<string, unknown> = { loadsPerSide: perSide, sandboxRuns: 50_000 }
    for (const { scenario, loads } of Object.values(results)) {
      const app = summarize(loads, 'app')
      const baseline = summarize(loads, 'baseline')
      const ratio = app.firstRowMs / baseline.firstRowMs
      const shown = `${fmtRatio(ratio)} (app ${fmtMs(app.firstRowMs)}, baseline ${fmtMs(baseline.firstRowMs)})`
      const figure = `first row, ${scenario.label}: app / baseline`
      rows.push(
        scenario.budget
          ? budgetRow(figure, ratio, shown, '<=', 1, '<= 1.0x')
          : infoRow(figure, shown),
      )
      if (scenario.budget) {
        rows.push(
          infoRow(
            `app timeline, ${scenario.label} (medians)`,
            `runs request ${fmtMs(app.runsRequestStartMs)}..${fmtMs(app.runsRequestEndMs)}, scripts done ${fmtMs(app.lastScriptEndMs)}, long tasks ${fmtMs(app.longTaskMs)}`,
          ),
        )
      }
      figures[scenario.key] = {
        scenario,
        ratio: round(ratio, 3),
        app,
        baseline,
        finalUrls: [
          ...new Set(
            loads
              .filter((load) => load.side === 'app')
              .map((load) =>
                load.timing?.finalUrl.replace(/page=\d+/, 'page=N').replace(/^http:\/\/[^/]+/, ''),
              ),
          ),
        ],
        loads,
      }
    }
    for (const reader of readers) {
      const ms = interactive[reader.key]
      rows.push(
        infoRow(
          `time to interactive (a click on the first row opens its drawer), ${reader.label}`,
          ms === undefined ? 'n/a' : fmtMs(ms),
        ),
      )
    }
    figures.timeToInteractiveMs = interactive
    const throughputRatio = throughput.html / throughput.api
    rows.push(
      budgetRow(
        'server: rendered /runs HTML / its API page, req/s',
        throughputRatio,
        `${fmtRatio(throughputRatio)} (HTML ${fmtInt(throughput.html)}, API ${fmtInt(throughput.api)} req/s)`,
        '>=',
        0.7,
        '>= 0.7x',
      ),
    )
    figures.throughput = { ...throughput, ratio: round(throughputRatio, 3) }
    return { rows, figures }
  },
}

/** The colleague who shared the link: loads it to its first row, unmeasured, in a browser of its own. */
async function primeAsColleague(browser: Browser, url: string): Promise<void> {
  const context = await newProbedContext(browser)
  try {
    await loadUntilFirstRow(context, url)
  } finally {
    await context.close().catch(() => undefined)
  }
}

/** A first visit hydrates in UTC, then renders in the browser's zone; a returning reader's hydrates in it. */
const readers = [
  { key: 'firstVisit', label: 'first visit, cold, 150 ms upstream', cookie: false },
  { key: 'returning', label: 'returning reader, cold, 150 ms upstream', cookie: true },
] as const

/** Notes when the first dialog enters the DOM, ms from navigation start. */
const dialogProbe = `new MutationObserver((records, observer) => {
  if (!document.querySelector('[role="dialog"]')) return;
  window.__benchDialogAt = performance.now();
  observer.disconnect();
}).observe(document, { childList: true, subtree: true });`

/**
 * Time to interactive of a cold deep link: from navigation start until a click on its first
 * row has opened the drawer. A click before the entry chunk runs does nothing (one after it is
 * held until the app is live), so it is clicked again every 50 ms until one takes (on the
 * status cell, away from the run's id link, which would load the page anew).
 */
async function timeToInteractive(
  browser: Browser,
  url: string,
  withZoneCookie: boolean,
): Promise<number> {
  const context = await newProbedContext(browser)
  try {
    if (withZoneCookie) {
      // The cookie the page sets on a first visit (src/shared/page-render.ts: timeZoneCookie).
      await context.addCookies([{ name: 'runboard_tz', value: 'Europe%2FBerlin', url }])
    }
    await context.addInitScript({ content: dialogProbe })
    const page = await context.newPage()
    await page.goto(url, { waitUntil: 'commit' })
    await waitForFirstRow(page, 20_000)
    const row = page.locator(firstRowSelector).first()
    const dialog = page.locator('[role="dialog"]')
    const deadline = Date.now() + 20_000
    while (!(await dialog.isVisible())) {
      if (Date.now() > deadline) throw new Error(`no click on a row of ${url} opened its drawer`)
      await row.click({ position: { x: 8, y: 8 }, timeout: 5_000 }).catch(() => undefined)
      await dialog.waitFor({ timeout: 50 }).catch(() => undefined)
    }
    return z.number().parse(await page.evaluate('window.__benchDialogAt'))
  } finally {
    await context.close().catch(() => undefined)
  }
}

/**
 * The server's cost of rendering: req/s of the same page 1 as rendered HTML and as the API's
 * JSON, alternating, 10 connections (the store answers both; the HTML also renders).
 */
async function htmlAgainstApi(url: string, quick: boolean): Promise<{ html: number; api: number }> {
  const targets = {
    html: { url: `${url}/runs?source=demo-puq&status=failed`, headers: { accept: 'text/html' } },
    api: { url: `${url}/api/sources/demo-puq/runs?status=failed&page=1&pageSize=20`, headers: {} },
  }
  const seconds = quick ? 2 : 4
  const rounds = quick ? 1 : 3
  const rps: Record<'html' | 'api', number[]> = { html: [], api: [] }
  for (const side of ['html', 'api'] as const) await runLoad({ ...targets[side], duration: 1 })
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['html', 'api'] as const) : (['api', 'html'] as const)
    for (const side of order) {
      const result = await runLoad({ ...targets[side], connections: 10, duration: seconds })
      rps[side].push(result.rps)
    }
  }
  return { html: median(rps.html), api: median(rps.api) }
}
