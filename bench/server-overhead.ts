/**
 * Server overhead: what the Runboard server costs against the sandbox answering the same page
 * from its in-memory history. autocannon req/s and p50/p99 for a puq runs page through the
 * server (from its run index, every run of a 1,000,000-run history already read) against the
 * same page straight from the sandbox (with the sandbox's auth header), alternating the two
 * in rounds: once for page 1 (the same URL every time) and once for every page in turn (deep
 * pages of the store; no upstream call either way). The server and its embedded sandbox run
 * in a child process. Budget: page 1 >= 0.5x the sandbox's throughput.
 */
import { z } from 'zod'
import { demoEnv, sandboxApiKey } from './lib/env'
import { getJson } from './lib/http'
import { runLoad, type LoadResult } from './lib/load'
import type { Part } from './lib/part'
import { budgetRow, infoRow } from './lib/report'
import { startServerChild } from './lib/spawn-server'
import { fmtInt, fmtMs, fmtRatio, median, round } from './lib/stats'

const connections = 10
const pageInfoSchema = z.object({ totalPages: z.number() })

type Target = { label: string; url: string; headers: Record<string, string>; path?: () => string }

function describeSide(results: readonly LoadResult[]) {
  return {
    rps: round(median(results.map((result) => result.rps)), 0),
    p50: median(results.map((result) => result.p50)),
    p99: median(results.map((result) => result.p99)),
    errors: results.reduce((total, result) => total + result.errors + result.non2xx, 0),
    rounds: results.map((result) => ({
      rps: round(result.rps, 0),
      p50: result.p50,
      p99: result.p99,
      total: result.total,
      non2xx: result.non2xx,
      errors: result.errors,
    })),
  }
}

const shortSide = (side: ReturnType<typeof describeSide>) =>
  `${fmtInt(side.rps)} req/s, p50 ${fmtMs(side.p50)}, p99 ${fmtMs(side.p99)}`

export const serverOverheadPart: Part = {
  name: 'server-overhead',
  title: 'Server overhead vs the sandbox straight',
  timeoutMs: { full: 20 * 60_000, quick: 15 * 60_000 },
  async run({ quick, log }) {
    const seconds = quick ? 2 : 5
    const rounds = quick ? 1 : 3
    const server = await startServerChild({
      label: 'Runboard (server overhead)',
      env: demoEnv({ SANDBOX_RUNS: '1000000' }),
      // Ready once the run index holds the whole million-run history (about 3 minutes).
      readyTimeoutMs: 15 * 60_000,
    })
    const auth = { authorization: `Token ${sandboxApiKey}` }
    const figures: Record<string, unknown> = {
      connections,
      seconds,
      rounds,
      sandboxRuns: 1_000_000,
    }
    const summaries: Record<
      string,
      { server: ReturnType<typeof describeSide>; sandbox: ReturnType<typeof describeSide> }
    > = {}
    try {
      const { totalPages } = pageInfoSchema.parse(
        await getJson(`${server.url}/api/sources/demo-puq/runs?page=1&pageSize=20`),
      )
      let serverPage = 0
      let sandboxPage = Math.floor(totalPages / 2)
      const modes: { key: string; label: string; server: Target; sandbox: Target }[] = [
        {
          key: 'cached',
          label: 'page 1',
          server: {
            label: 'server',
            url: `${server.url}/api/sources/demo-puq/runs?page=1&pageSize=20`,
            headers: {},
          },
          sandbox: {
            label: 'sandbox',
            url: `${server.sandboxUrl}/puq/v1/executions?page=1&limit=20`,
            headers: auth,
          },
        },
        {
          key: 'uncached',
          label: 'every page in turn',
          server: {
            label: 'server',
            url: server.url,
            headers: {},
            path: () =>
              `/api/sources/demo-puq/runs?page=${(serverPage++ % totalPages) + 1}&pageSize=20`,
          },
          sandbox: {
            label: 'sandbox',
            url: server.sandboxUrl,
            headers: auth,
            path: () => `/puq/v1/executions?page=${(sandboxPage++ % totalPages) + 1}&limit=20`,
          },
        },
      ]
      const measure = (target: Target, duration: number) =>
        runLoad({
          url: target.url,
          headers: target.headers,
          connections,
          duration,
          ...(target.path === undefined
            ? {}
            : {
                requests: [
                  {
                    method: 'GET',
                    setupRequest: (request) => ({ ...request, path: target.path?.() ?? '/' }),
                  },
                ],
              }),
        })
      for (const mode of modes) {
        // Warm-up: the connection pools, the JIT and the store's page cache.
        await measure(mode.sandbox, 1)
        await measure(mode.server, 1)
        const results: Record<'server' | 'sandbox', LoadResult[]> = { server: [], sandbox: [] }
        for (let round = 0; round < rounds; round++) {
          const order =
            round % 2 === 0 ? (['sandbox', 'server'] as const) : (['server', 'sandbox'] as const)
          for (const side of order) results[side].push(await measure(mode[side], seconds))
        }
        const summary = {
          server: describeSide(results.server),
          sandbox: describeSide(results.sandbox),
        }
        summaries[mode.key] = summary
        log(
          `  ${mode.label}: server ${shortSide(summary.server)} | sandbox ${shortSide(summary.sandbox)} | ratio ${fmtRatio(summary.server.rps / summary.sandbox.rps)}`,
        )
      }
      figures.totalPages = totalPages
      figures.distinctUncachedPagesRequested = Math.min(serverPage, totalPages)
    } finally {
      await server.close()
    }
    const cached = summaries.cached
    const uncached = summaries.uncached
    if (cached === undefined || uncached === undefined) throw new Error('no results')
    const cachedRatio = cached.server.rps / cached.sandbox.rps
    const uncachedRatio = uncached.server.rps / uncached.sandbox.rps
    figures.cached = { ...cached, ratio: round(cachedRatio, 3) }
    figures.uncached = { ...uncached, ratio: round(uncachedRatio, 3) }
    return {
      rows: [
        budgetRow(
          'runs page 1: server / sandbox req/s',
          cachedRatio,
          fmtRatio(cachedRatio),
          '>=',
          0.5,
          '>= 0.5x',
        ),
        infoRow('page 1 through the server', shortSide(cached.server)),
        infoRow('same page straight from the sandbox', shortSide(cached.sandbox)),
        infoRow(
          'every page in turn: server / sandbox req/s',
          `${fmtRatio(uncachedRatio)} (server ${shortSide(uncached.server)}; sandbox ${shortSide(uncached.sandbox)})`,
        ),
        infoRow(
          'errors and non-2xx during these runs',
          fmtInt(
            cached.server.errors +
              cached.sandbox.errors +
              uncached.server.errors +
              uncached.sandbox.errors,
          ),
        ),
      ],
      figures,
    }
  },
}
