/**
 * Upstream economy: upstream requests, counted by the sandbox itself (its request stats), that
 * the dashboard costs in Chromium once the run index holds the history: opening /runs for each
 * demo source (a fresh server each time), switching the status filter to Failed, opening a run
 * (row click -> drawer), and per minute with no tab and with three tabs left open on page 1 of
 * each source (separate pages of one browser; headless pages count as visible, so they poll),
 * measured over a window and scaled to a minute. With no tab open the figure is the sync's own
 * cost at rest; tabs read the store, so they should add nothing. Upstream latency 150 ms.
 * Budget from the run index issue: open tabs add no upstream requests (three tabs' Trigify
 * requests a minute minus no tab's, at most 1: one top read of the sync's own schedule falling
 * into one window and not the other).
 */
import type { Page } from '@playwright/test'
import { z } from 'zod'
import { sleep } from './lib/bounded'
import {
  firstRowSelector,
  launchChromium,
  newProbedContext,
  trackApi,
  waitForFirstRow,
} from './lib/browser'
import { demoEnv } from './lib/env'
import type { Part } from './lib/part'
import { budgetRow, infoRow, type Row } from './lib/report'
import { diffStats, readSandboxStats, type StatsDiff } from './lib/sandbox-control'
import { startServerChild } from './lib/spawn-server'
import { fmtInt, round } from './lib/stats'

const sources = [
  { id: 'demo-puq', vendor: 'puq' },
  { id: 'demo-trigify', vendor: 'trigify' },
] as const
type Vendor = (typeof sources)[number]['vendor']

const env = () => demoEnv({ SANDBOX_LATENCY_MS: '150' })
const stepTimeoutMs = 20_000
const pageStateSchema = z.object({ visibility: z.string(), hasFocus: z.boolean() })

type Step = { upstream: StatsDiff; pageRequests: string[]; quiet: boolean }

const vendorCount = (step: Step, vendor: Vendor) => step.upstream[vendor]
/** Upstream paths with per-workflow executions collapsed into one line, most requested first. */
function pathSummary(diff: StatsDiff): string {
  const collapsed = new Map<string, number>()
  for (const [path, count] of Object.entries(diff.byPath)) {
    const key = path.replace(/\/v1\/workflows\/[^/]+\/executions/, '/v1/workflows/*/executions')
    collapsed.set(key, (collapsed.get(key) ?? 0) + count)
  }
  return [...collapsed]
    .sort((a, b) => b[1] - a[1])
    .map(([path, count]) => `${path} x${count}`)
    .join(', ')
}

/** puq step details read in between: the sync reads failed runs' details at 120 a minute. */
const detailReads = (diff: StatsDiff) =>
  Object.entries(diff.byPath)
    .filter(([path]) => /\/v1\/executions\/[^/?]+$/.test(path))
    .reduce((sum, [, count]) => sum + count, 0)

/**
 * Waits until the sync has read every puq detail it wants (20 s without one), so the tab
 * windows compare the sync's steady cost with and without tabs, not a draining backlog.
 */
async function untilDetailsRead(sandboxUrl: string, log: (line: string) => void) {
  const startedAt = Date.now()
  for (;;) {
    const before = await readSandboxStats(sandboxUrl)
    await sleep(20_000)
    const reads = detailReads(diffStats(before, await readSandboxStats(sandboxUrl)))
    if (reads === 0) return
    if (Date.now() - startedAt > 12 * 60_000) {
      log(`  (details still being read after 12 min: ${reads} in the last 20 s)`)
      return
    }
  }
}

export const upstreamEconomyPart: Part = {
  name: 'upstream-economy',
  title: 'Upstream economy: requests per user action and per minute',
  timeoutMs: { full: 25 * 60_000, quick: 20 * 60_000 },
  async run({ quick, log, ensureBuild }) {
    const build = await ensureBuild()
    // A whole period of the sync's slowest schedule (dormant Trigify tops every 5 minutes), so
    // each window holds the same sync reads and only the tabs differ.
    const windowS = quick ? 60 : 300
    const { browser, close: closeBrowser } = await launchChromium()
    const rows: Row[] = []
    const figures: Record<string, unknown> = { windowS, latencyMs: 150 }
    try {
      // 1. Per action, each source on a fresh server (nothing cached).
      const actions: Record<string, Record<string, Step>> = {}
      for (const source of sources) {
        const server = await startServerChild({
          label: `Runboard (economy ${source.id})`,
          env: env(),
          distDir: build.distDir,
        })
        const context = await newProbedContext(browser, { freezeClock: true })
        try {
          const page = await context.newPage()
          const api = trackApi(page)
          const step = async (action: () => Promise<void>): Promise<Step> => {
            const before = await readSandboxStats(server.sandboxUrl)
            await action()
            const quiet = await api.waitQuiet(1_500, stepTimeoutMs)
            return {
              upstream: diffStats(before, await readSandboxStats(server.sandboxUrl)),
              pageRequests: api.take(),
              quiet,
            }
          }
          const open = await step(async () => {
            await page.goto(`${server.url}/runs?source=${source.id}`, {
              waitUntil: 'commit',
              timeout: stepTimeoutMs,
            })
            await waitForFirstRow(page, stepTimeoutMs)
          })
          const filter = await step(async () => {
            await page.getByRole('button', { name: /^Status/ }).click({ timeout: stepTimeoutMs })
            await page.getByRole('checkbox', { name: 'Failed' }).check({ timeout: stepTimeoutMs })
            await page.waitForURL(/[?&]status=failed(&|$)/, { timeout: stepTimeoutMs })
            await page.keyboard.press('Escape')
            await page
              .locator(`tbody[aria-busy="false"] tr[data-run-id]`)
              .first()
              .waitFor({ timeout: stepTimeoutMs })
          })
          const openRun = await step(async () => {
            await page.locator(firstRowSelector).first().click({ timeout: stepTimeoutMs })
            await page.getByRole('dialog').waitFor({ timeout: stepTimeoutMs })
          })
          actions[source.id] = { open, filter, openRun }
          log(
            `  ${source.id}: open ${vendorCount(open, source.vendor)}, status filter ${vendorCount(filter, source.vendor)}, open a run ${vendorCount(openRun, source.vendor)} ${source.vendor} requests`,
          )
          for (const [label, entry] of Object.entries({ open, filter, openRun })) {
            log(
              `    ${label}: ${pathSummary(entry.upstream) || 'none'}; page asked ${entry.pageRequests.join(' ')}`,
            )
          }
        } finally {
          await context.close().catch(() => undefined)
          await server.close()
        }
      }
      figures.actions = actions
      for (const source of sources) {
        const entry = actions[source.id]
        if (entry === undefined) continue
        const count = (step: Step | undefined) =>
          step === undefined ? 'n/a' : `${vendorCount(step, source.vendor)}`
        rows.push(
          infoRow(
            `${source.id}: ${source.vendor} requests while opening /runs on a fresh server / filtering Failed / opening a run (the sync's own reads in that time included)`,
            `${count(entry.open)} / ${count(entry.filter)} / ${count(entry.openRun)}`,
          ),
        )
      }

      // 2. Per minute with tabs left open on page 1 of each source.
      const server = await startServerChild({
        label: 'Runboard (economy tabs)',
        env: env(),
        distDir: build.distDir,
      })
      await untilDetailsRead(server.sandboxUrl, log)
      const context = await newProbedContext(browser, { freezeClock: true })
      const perMinute: Record<
        string,
        Record<Vendor, number> & {
          windowCounts: StatsDiff
          browserApiCallsInWindow: Record<string, number>
          pageStates: unknown[]
        }
      > = {}
      try {
        for (const tabs of [0, 3]) {
          const pages: Page[] = []
          try {
            for (let index = 0; index < tabs; index++) {
              for (const source of sources) {
                const page = await context.newPage()
                pages.push(page)
                await page.goto(`${server.url}/runs?source=${source.id}`, {
                  waitUntil: 'commit',
                  timeout: stepTimeoutMs,
                })
                await waitForFirstRow(page, stepTimeoutMs)
              }
            }
            // Opening costs are counted above; let the opening requests settle first.
            if (tabs > 0) await sleep(3_000)
            const pageStates = await Promise.all(
              pages.map(async (page) =>
                pageStateSchema.parse(
                  await page.evaluate(
                    '({ visibility: document.visibilityState, hasFocus: document.hasFocus() })',
                  ),
                ),
              ),
            )
            const browserRequests: string[] = []
            const onRequest = (request: { url(): string }) => {
              const url = new URL(request.url())
              if (url.pathname.startsWith('/api/')) browserRequests.push(url.pathname)
            }
            context.on('request', onRequest)
            const before = await readSandboxStats(server.sandboxUrl)
            await sleep(windowS * 1000)
            const windowCounts = diffStats(before, await readSandboxStats(server.sandboxUrl))
            context.off('request', onRequest)
            const apiCalls: Record<string, number> = {}
            for (const path of browserRequests) apiCalls[path] = (apiCalls[path] ?? 0) + 1
            const scale = 60 / windowS
            perMinute[`${tabs}`] = {
              trigify: round(windowCounts.trigify * scale, 1),
              puq: round(windowCounts.puq * scale, 1),
              windowCounts,
              browserApiCallsInWindow: apiCalls,
              pageStates,
            }
            log(
              `  ${tabs} tab(s) per source for ${windowS} s: ${windowCounts.trigify} trigify, ${windowCounts.puq} puq requests (${fmtInt(windowCounts.trigify * scale)} and ${fmtInt(windowCounts.puq * scale)} a minute); pages ${pageStates.map((state) => state.visibility).join(', ')}; upstream ${pathSummary(windowCounts)}; browser ${Object.entries(
                apiCalls,
              )
                .map(([path, count]) => `${path} x${count}`)
                .join(', ')}`,
            )
          } finally {
            for (const page of pages) await page.close().catch(() => undefined)
          }
        }
      } finally {
        await context.close().catch(() => undefined)
        await server.close()
      }
      figures.perMinute = perMinute
      const none = perMinute['0']
      const three = perMinute['3']
      if (none !== undefined && three !== undefined) {
        rows.push(
          infoRow(
            'no tab / 3 tabs per source on page 1: trigify requests a minute; puq',
            `${round(none.trigify, 1)} / ${round(three.trigify, 1)}; ${round(none.puq, 1)} / ${round(three.puq, 1)}`,
          ),
        )
        const added = three.trigify + three.puq - (none.trigify + none.puq)
        rows.push(
          budgetRow(
            'upstream requests a minute that 3 open tabs per source add (both vendors)',
            added,
            `${round(added, 1)} (measured over ${windowS} s each)`,
            '<=',
            1,
            '≤ 1 (none)',
          ),
        )
      }
    } finally {
      await closeBrowser()
    }
    return { rows, figures }
  },
}
