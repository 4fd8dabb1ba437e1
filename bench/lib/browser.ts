/**
 * Headless Chromium for the bench: Debian's build through Playwright (browsers cannot be
 * downloaded here), a first-row probe injected into every page, and helpers that wait for the
 * first row and for the page's /api traffic to go quiet, each bounded in time.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { z } from 'zod'
import { frozenNow } from './env'
import { chromiumArgs, resolveChromiumPath } from '../../e2e/chromium-path'
import { registerCleanup, sleep } from './bounded'

export const firstRowSelector = 'table tbody tr[data-run-id]'

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: resolveChromiumPath(),
    args: chromiumArgs,
    headless: true,
  })
  const close = registerCleanup('Chromium', () => browser.close())
  return { browser, close }
}

export const contextOptions = {
  locale: 'en-GB',
  timezoneId: 'Europe/Berlin',
  viewport: { width: 1280, height: 800 },
} as const

/**
 * Runs before any script of the page: a MutationObserver notes performance.now() (relative to
 * navigation start) the moment the first run row is in the DOM, with the resources that had
 * finished loading by then. Plain JavaScript text, so no compiler helper leaks into the page.
 */
export const firstRowProbe = `(() => {
  const bench = { firstRow: undefined, timeOrigin: performance.timeOrigin, resources: [], longTaskMs: 0 };
  Object.defineProperty(window, '__bench', { value: bench, configurable: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (bench.firstRow === undefined) bench.longTaskMs += entry.duration;
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {}
  const check = () => {
    if (bench.firstRow !== undefined) return true;
    if (!document.querySelector(${JSON.stringify(firstRowSelector)})) return false;
    bench.firstRow = performance.now();
    bench.resources = performance.getEntriesByType('resource').map((entry) => ({
      name: entry.name,
      initiatorType: entry.initiatorType,
      startTime: entry.startTime,
      responseEnd: entry.responseEnd,
    }));
    return true;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`

const resourceSchema = z.object({
  name: z.string(),
  initiatorType: z.string(),
  startTime: z.number(),
  responseEnd: z.number(),
})
const probeSchema = z.object({
  firstRow: z.number(),
  /** Main-thread time in long tasks (> 50 ms) before the first row. */
  longTaskMs: z.number(),
  timeOrigin: z.number(),
  resources: z.array(resourceSchema),
})
export type FirstRowProbe = z.infer<typeof probeSchema>

export type FirstRowTiming = {
  /** ms from navigation start to the first row in the DOM. */
  firstRowMs: number
  /** When the first /api/…/runs request started and ended, ms from navigation start. */
  runsRequestStartMs: number | undefined
  runsRequestEndMs: number | undefined
  /** When the last script that had finished before the first row ended. */
  lastScriptEndMs: number | undefined
  /** Main-thread time spent in long tasks (> 50 ms each) before the first row. */
  longTaskMs: number
  /** The URL the page ended on (the app may rewrite a non-canonical one). */
  finalUrl: string
  probe: FirstRowProbe
}

export async function newProbedContext(
  browser: Browser,
  options: { freezeClock?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(contextOptions)
  // The demo history is frozen; for request counts the page's clock must agree, or its chart
  // window ("the last 7 days") would hold no runs and cost the server nothing. Timings keep the
  // real clock: Playwright's fake one hides the resource timings the probe reads.
  if (options.freezeClock) await context.clock.setFixedTime(new Date(frozenNow))
  await context.addInitScript({ content: firstRowProbe })
  return context
}

/** Waits for the probe's first-row mark on a page that is navigating. */
export async function waitForFirstRow(page: Page, timeoutMs: number): Promise<FirstRowTiming> {
  // A function, not a string: the app's CSP (no 'unsafe-eval') refuses string predicates.
  await page.waitForFunction(
    () =>
      (window as unknown as { __bench?: { firstRow?: number } }).__bench?.firstRow !== undefined,
    null,
    { timeout: timeoutMs, polling: 25 },
  )
  const probe = probeSchema.parse(await page.evaluate('window.__bench'))
  const runsRequest = probe.resources.find((entry) =>
    /\/api\/sources\/[^/]+\/runs(\?|$)/.test(entry.name),
  )
  const scripts = probe.resources.filter(
    (entry) => entry.initiatorType === 'script' || /\.js(\?|$)/.test(entry.name),
  )
  return {
    firstRowMs: probe.firstRow,
    runsRequestStartMs: runsRequest?.startTime,
    runsRequestEndMs: runsRequest?.responseEnd,
    lastScriptEndMs:
      scripts.length === 0 ? undefined : Math.max(...scripts.map((entry) => entry.responseEnd)),
    longTaskMs: probe.longTaskMs,
    finalUrl: page.url(),
    probe,
  }
}

/** Opens `url` in a new page of `context`, waits for the first row, closes the page. */
export async function loadUntilFirstRow(
  context: BrowserContext,
  url: string,
  timeoutMs = 20_000,
): Promise<FirstRowTiming> {
  const page = await context.newPage()
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs })
    return await waitForFirstRow(page, timeoutMs)
  } finally {
    await page.close().catch(() => undefined)
  }
}

/**
 * Tracks a page's /api requests so a step can wait until none has been in flight for
 * `idleMs` (bounded by `maxMs`), and list what the page asked for.
 */
export function trackApi(page: Page) {
  let inFlight = 0
  let lastChange = Date.now()
  const requested: string[] = []
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/')
  page.on('request', (request) => {
    if (!isApi(request.url())) return
    inFlight++
    lastChange = Date.now()
    const url = new URL(request.url())
    requested.push(`${url.pathname}${url.search}`)
  })
  const done = (request: { url(): string }) => {
    if (!isApi(request.url())) return
    inFlight = Math.max(0, inFlight - 1)
    lastChange = Date.now()
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  return {
    /** Paths requested since the last call. */
    take(): string[] {
      return requested.splice(0, requested.length)
    },
    async waitQuiet(idleMs: number, maxMs: number): Promise<boolean> {
      const startedAt = Date.now()
      while (Date.now() - startedAt < maxMs) {
        if (inFlight === 0 && Date.now() - lastChange >= idleMs) return true
        await sleep(50)
      }
      return false
    },
  }
}
