/**
 * Bundle: how much JavaScript and CSS the /runs page fetched before its first row appeared
 * (cold deep link in headless Chromium; every body gzipped here with zlib level 9, so the
 * figure does not depend on the server's own compression), and the gzip size of everything in
 * dist/assets. Budget: <= 100 kB (1000 bytes) of gzip JavaScript before the first row.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Request } from '@playwright/test'
import { chunkComposition, type Composition } from './lib/chunk-composition'
import { launchChromium, newProbedContext, trackApi, waitForFirstRow } from './lib/browser'
import { demoEnv } from './lib/env'
import type { Part } from './lib/part'
import { budgetRow, infoRow } from './lib/report'
import { setSandboxFaults } from './lib/sandbox-control'
import { startServerChild } from './lib/spawn-server'
import { fmtKb, sum } from './lib/stats'

const budgetBytes = 100_000
const gzipSize = (body: Buffer): number => gzipSync(body, { level: 9 }).length

type Kind = 'js' | 'css' | 'html' | 'api' | 'other'
type Fetched = {
  path: string
  kind: Kind
  rawBytes: number
  gzipBytes: number
  /** Encoded body bytes as they came over the wire (the server compresses with br). */
  transferBytes: number
  /** ms from navigation start to the last byte (Playwright timing). */
  endMs: number
  beforeFirstRow: boolean
}

function kindOf(request: Request): Kind {
  const path = new URL(request.url()).pathname
  if (path.startsWith('/api/')) return 'api'
  if (request.resourceType() === 'document') return 'html'
  if (path.endsWith('.js') || request.resourceType() === 'script') return 'js'
  if (path.endsWith('.css') || request.resourceType() === 'stylesheet') return 'css'
  return 'other'
}

async function describe(
  request: Request,
): Promise<Omit<Fetched, 'endMs' | 'beforeFirstRow'> & { url: string; endEpoch: number }> {
  const response = await request.response()
  const body =
    response === null ? Buffer.alloc(0) : await response.body().catch(() => Buffer.alloc(0))
  const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }))
  const timing = request.timing()
  const url = new URL(request.url())
  return {
    url: request.url(),
    path: `${url.pathname}${url.search}`,
    kind: kindOf(request),
    rawBytes: body.length,
    gzipBytes: body.length === 0 ? 0 : gzipSize(body),
    transferBytes: sizes.responseBodySize,
    endEpoch: timing.responseEnd < 0 ? Number.NaN : timing.startTime + timing.responseEnd,
  }
}

async function distAssets(distDir: string) {
  const dir = join(distDir, 'assets')
  const files = (await readdir(dir)).filter((name) => /\.(js|css)$/.test(name)).sort()
  const entries = []
  for (const name of files) {
    const body = await readFile(join(dir, name))
    entries.push({
      name,
      kind: name.endsWith('.js') ? 'js' : 'css',
      rawBytes: body.length,
      gzipBytes: gzipSize(body),
    })
  }
  return entries
}

export const bundlePart: Part = {
  name: 'bundle',
  title: 'Bundle: JS and CSS before the first row',
  timeoutMs: { full: 240_000, quick: 180_000 },
  async run({ quick, log, ensureBuild }) {
    const build = await ensureBuild()
    const assets = await distAssets(build.distDir)
    const server = await startServerChild({
      label: 'Runboard (bundle)',
      // Read at full speed first; the loads then meet 150 ms of vendor latency.
      env: demoEnv({ SANDBOX_RUNS: '50000' }),
      distDir: build.distDir,
    })
    await setSandboxFaults(server.sandboxUrl, { latencyMs: 150 })
    const { browser, close: closeBrowser } = await launchChromium()
    const loads: { url: string; firstRowMs: number; fetched: Fetched[] }[] = []
    try {
      const count = quick ? 1 : 3
      for (let index = 0; index < count; index++) {
        const url = `${server.url}/runs?source=demo-puq&status=failed&page=${3 + index * 4}`
        const context = await newProbedContext(browser)
        try {
          const page = await context.newPage()
          const api = trackApi(page)
          const pending: Promise<Awaited<ReturnType<typeof describe>>>[] = []
          page.on('requestfinished', (request) => pending.push(describe(request)))
          await page.goto(url, { waitUntil: 'commit', timeout: 20_000 })
          const timing = await waitForFirstRow(page, 20_000)
          // Let what the page starts after its first row finish too (lazy chunks, prefetches).
          await api.waitQuiet(1_000, 8_000)
          await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined)
          const described = await Promise.all(pending)
          const firstRowEpoch = timing.probe.timeOrigin + timing.firstRowMs
          const finishedInPage = new Set(timing.probe.resources.map((entry) => entry.name))
          const fetched = described.map(({ endEpoch, url: fullUrl, ...entry }): Fetched => {
            const byTiming = Number.isFinite(endEpoch) && endEpoch <= firstRowEpoch
            // The document is never a resource entry; it is by definition there before any row.
            const beforeFirstRow = entry.kind === 'html' || byTiming || finishedInPage.has(fullUrl)
            return { ...entry, endMs: endEpoch - timing.probe.timeOrigin, beforeFirstRow }
          })
          loads.push({ url, firstRowMs: timing.firstRowMs, fetched })
          const js = fetched.filter((entry) => entry.kind === 'js' && entry.beforeFirstRow)
          log(
            `  load ${index + 1}: first row at ${timing.firstRowMs.toFixed(0)} ms; JS before it ${fmtKb(sum(js.map((entry) => entry.gzipBytes)))} gzip in ${js.length} file(s): ${js.map((entry) => entry.path).join(', ')}`,
          )
        } finally {
          await context.close().catch(() => undefined)
        }
      }
    } finally {
      await closeBrowser()
      await server.close()
    }

    const totals = (
      kind: Kind,
      before: boolean | undefined,
      field: 'gzipBytes' | 'transferBytes' = 'gzipBytes',
    ) =>
      loads.map((load) =>
        sum(
          load.fetched
            .filter(
              (entry) =>
                entry.kind === kind && (before === undefined || entry.beforeFirstRow === before),
            )
            .map((entry) => entry[field]),
        ),
      )
    const jsBefore = Math.max(...totals('js', true))
    const cssBefore = Math.max(...totals('css', true))
    const jsAfter = Math.max(...totals('js', false))
    const transferBefore = Math.max(
      ...loads.map((load) =>
        sum(
          load.fetched
            .filter(
              (entry) => (entry.kind === 'js' || entry.kind === 'css') && entry.beforeFirstRow,
            )
            .map((entry) => entry.transferBytes),
        ),
      ),
    )
    const assetsJs = sum(
      assets.filter((entry) => entry.kind === 'js').map((entry) => entry.gzipBytes),
    )
    const assetsCss = sum(
      assets.filter((entry) => entry.kind === 'css').map((entry) => entry.gzipBytes),
    )
    const largest = [...assets].sort((a, b) => b.gzipBytes - a.gzipBytes)[0]
    const lastLoad = loads[loads.length - 1]
    const beforeFiles = (lastLoad?.fetched ?? []).filter(
      (entry) => (entry.kind === 'js' || entry.kind === 'css') && entry.beforeFirstRow,
    )

    // Where the initial JavaScript goes: each first-row chunk's source map, by package.
    const composition: Record<string, Composition> = {}
    for (const entry of beforeFiles.filter((file) => file.kind === 'js')) {
      const name = entry.path.split('?')[0]?.replace(/^\/assets\//, '') ?? ''
      const parts = chunkComposition(join(build.distDir, 'assets', name))
      if (parts !== undefined) composition[name] = parts
    }
    const biggest = Object.entries(composition).sort(
      (a, b) => sum(b[1].map((part) => part.bytes)) - sum(a[1].map((part) => part.bytes)),
    )[0]
    const compositionRow =
      biggest === undefined
        ? []
        : [
            infoRow(
              `${biggest[0]} by source (raw share)`,
              biggest[1]
                .slice(0, 6)
                .map((part) => `${part.group} ${(part.share * 100).toFixed(0)}%`)
                .join(', '),
            ),
          ]

    return {
      rows: [
        budgetRow(
          'JS fetched before the first row (gzip)',
          jsBefore,
          `${fmtKb(jsBefore)} in ${beforeFiles.filter((entry) => entry.kind === 'js').length} file(s)`,
          '<=',
          budgetBytes,
          '<= 100 kB',
        ),
        ...compositionRow,
        infoRow('CSS fetched before the first row (gzip)', fmtKb(cssBefore)),
        infoRow('JS+CSS before the first row as transferred (br)', fmtKb(transferBefore)),
        infoRow('JS fetched after the first row (gzip)', fmtKb(jsAfter)),
        infoRow(
          'dist/assets JS total (gzip)',
          `${fmtKb(assetsJs)} in ${assets.filter((entry) => entry.kind === 'js').length} file(s)`,
        ),
        infoRow('dist/assets CSS total (gzip)', fmtKb(assetsCss)),
        infoRow(
          'largest chunk (gzip)',
          largest === undefined ? 'n/a' : `${largest.name} ${fmtKb(largest.gzipBytes)}`,
        ),
      ],
      figures: {
        build,
        gzipLevel: 9,
        kilobyte: 1000,
        loads,
        distAssets: assets,
        firstRowChunkComposition: composition,
        jsBeforeFirstRowBytes: jsBefore,
        cssBeforeFirstRowBytes: cssBefore,
        jsAfterFirstRowBytes: jsAfter,
        transferBeforeFirstRowBytes: transferBefore,
        distAssetsJsGzipBytes: assetsJs,
        distAssetsCssGzipBytes: assetsCss,
      },
    }
  },
}
