/**
 * The all-sources view over HTTP (`/api/sources/all/…`) against real sandboxes read whole into
 * the store. Every expectation is the merge of both vendors' runs read here straight from an
 * identical "truth" sandbox (Trigify per workflow, puq in one listing), sorted by this file's
 * own comparator, never by the store's paging or sort code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiErrorSchema,
  runDetailSchema,
  runPageSchema,
  runStatsSchema,
  sourcesResponseSchema,
  workflowsResponseSchema,
} from '../shared/model'
import { csvObjects } from './testing/csv-parse'
import { puqTruth, trigifyTruth, type TruthRun } from './testing/sandbox-truth'
import {
  frozenNow,
  startTestSandbox,
  startTestServer,
  type Sandbox,
  type TestServer,
  waitForLive,
  waitUntil,
} from './testing/harness'

const key = 'sk-live-ALL-SOURCES-0123456789'

let upstream: Sandbox
let truth: Sandbox
let server: TestServer
let merged: Truth[]

type Truth = { key: string; source: string; id: string; failed: boolean; time: number }

/** Newest first, ties by id then source, both descending: the order the API promises. */
const newestFirst = (a: Truth, b: Truth) =>
  b.time - a.time || (a.id < b.id ? 1 : a.id > b.id ? -1 : a.source < b.source ? 1 : -1)

const truthOf = (source: string, run: TruthRun): Truth => ({
  key: `${source}/${run.id}`,
  source,
  id: run.id,
  failed: run.status === 'failed',
  time: run.time,
})

beforeAll(async () => {
  upstream = await startTestSandbox({ apiKey: key, runs: 1_500 })
  truth = await startTestSandbox({ apiKey: key, runs: 1_500 })
  server = await startTestServer({
    TRIGIFY_API_KEY: key,
    TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
    PUQ_API_KEY: key,
    PUQ_BASE_URL: upstream.puqBaseUrl,
  })
  await waitForLive(server)
  merged = [
    ...(await trigifyTruth(truth)).map((run) => truthOf('trigify', run)),
    ...(await puqTruth(truth)).map((run) => truthOf('puq', run)),
  ].sort(newestFirst)
})

afterAll(async () => {
  await server.close()
  await upstream.close()
  await truth.close()
})

const pageOf = (path: string) => server.json(path, runPageSchema)

async function everyPage(query: string): Promise<string[]> {
  const keys: string[] = []
  for (let page = 1; ; page += 1) {
    const answer = await pageOf(`/api/sources/all/runs?pageSize=100&page=${page}${query}`)
    keys.push(...answer.items.map((run) => `${run.source}/${run.id}`))
    if (page >= answer.totalPages) return keys
  }
}

const keysOf = (runs: readonly Truth[]) => runs.map((run) => run.key)

describe('the all-sources view', () => {
  it('is announced by GET /api/sources, covering every configured source', async () => {
    const body = await server.json('/api/sources', sourcesResponseSchema)
    expect(body.all).toEqual({ id: 'all', label: 'All sources', sources: ['trigify', 'puq'] })
    expect(body.items.map((source) => source.id)).toEqual(['trigify', 'puq'])
  })

  it('lists every run of both sources newest first, each keeping its source', async () => {
    expect(merged.every((run) => Number.isFinite(run.time))).toBe(true)
    expect(new Set(merged.map((run) => run.source))).toEqual(new Set(['trigify', 'puq']))
    const first = await pageOf('/api/sources/all/runs')
    expect(first.total).toBe(merged.length)
    expect(first.coverage).toBeUndefined()
    expect(first.items.map((run) => `${run.source}/${run.id}`)).toEqual(keysOf(merged.slice(0, 20)))
    expect(await everyPage('')).toEqual(keysOf(merged))
  })

  it('filters by status and any range, with exact totals at any depth', async () => {
    const failed = merged.filter((run) => run.failed)
    expect(failed.length).toBeGreaterThan(30)
    const deep = await pageOf('/api/sources/all/runs?status=failed&page=3&pageSize=7')
    expect(deep.total).toBe(failed.length)
    expect(deep.counts?.failed).toBe(failed.length)
    expect(deep.items.map((run) => `${run.source}/${run.id}`)).toEqual(keysOf(failed.slice(14, 21)))
    const newer = merged[100]
    const older = merged[400]
    if (newer === undefined || older === undefined) throw new Error('too few runs')
    const from = new Date(older.time - (older.time % 60_000)).toISOString()
    const to = new Date(newer.time + 1).toISOString()
    const inRange = merged.filter(
      (run) => run.time >= Date.parse(from) && run.time < Date.parse(to),
    )
    expect(await everyPage(`&from=${from}&to=${to}`)).toEqual(keysOf(inRange))
    expect(await everyPage(`&from=${from}&to=${to}&sort=started`)).toEqual(
      keysOf([...inRange].reverse()),
    )
  })

  it('finds a run of either source by its id, and the drawer opens it under its source', async () => {
    for (const source of ['trigify', 'puq']) {
      const target = merged.find((run) => run.source === source)
      if (target === undefined) throw new Error(`no ${source} run`)
      const found = await pageOf(`/api/sources/all/runs?q=${encodeURIComponent(target.id)}`)
      const hit = found.items.find((run) => run.id === target.id)
      expect(hit?.source).toBe(source)
      const detail = await server.json(
        `/api/sources/${hit?.source ?? ''}/runs/${encodeURIComponent(target.id)}`,
        runDetailSchema,
      )
      expect(detail).toMatchObject({ id: target.id, source })
    }
  })

  it('counts both sources in the stats of a window', async () => {
    const toMs = Date.parse(frozenNow)
    const fromMs = toMs - 7 * 86_400_000
    const inWindow = merged.filter((run) => run.time >= fromMs && run.time < toMs)
    expect(inWindow.length).toBeGreaterThan(0)
    const stats = await server.json(
      `/api/sources/all/stats?from=${new Date(fromMs).toISOString()}&to=${frozenNow}`,
      runStatsSchema,
    )
    expect(stats.source).toBe('all')
    expect(stats.totals.total).toBe(inWindow.length)
    expect(stats.totals.counts.failed).toBe(inWindow.filter((run) => run.failed).length)
    expect(stats.buckets.reduce((sum, bucket) => sum + bucket.total, 0)).toBe(inWindow.length)
    expect(stats.allTime?.total).toBe(merged.length)
  })

  it('exports every matching run of both sources as CSV, named for all', async () => {
    const response = await server.get('/api/sources/all/runs/export?format=csv&status=failed')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="runboard-all-failed-\d{4}-\d\d-\d\d\.csv"$/,
    )
    const rows = csvObjects(response.body)
    expect(rows.map((row) => `${row.source}/${row.id}`)).toEqual(
      keysOf(merged.filter((run) => run.failed)),
    )
  })

  it('has no workflows of its own: the all view has no workflow filter', async () => {
    const body = await server.json('/api/sources/all/workflows', workflowsResponseSchema)
    expect(body.items).toEqual([])
  })

  it.each([
    ['/api/sources/all/runs?workflow=wf-1', 'workflow: a workflow belongs to one source'],
    [
      '/api/sources/all/runs/export?format=csv&workflow=wf-1',
      'workflow: a workflow belongs to one source',
    ],
    ['/api/sources/all/stats?workflow=wf-1', 'workflow: a workflow belongs to one source'],
    ['/api/sources/all/failures', 'source: failures are read per source'],
    ['/api/sources/all/steps', 'source: steps are read per source'],
    ['/api/sources/all/runs/run-1', 'source: run details are read per source'],
    ['/api/sources/all/runs?sort=slowest', 'sort: must be one of'],
  ])('refuses %s with a 400 that names it', async (path, message) => {
    const response = await server.get(path)
    expect(response.status).toBe(400)
    const body = apiErrorSchema.parse(JSON.parse(response.body))
    expect(body.error.code).toBe('BAD_REQUEST')
    expect(body.error.message).toContain(message)
  })
})

describe('the all-sources view while a source cannot answer', () => {
  it('lists the sources that can, says it rests on part of the history, and fails only when none can', async () => {
    const halfWrong = await startTestServer({
      TRIGIFY_API_KEY: 'not-the-right-key-1234',
      TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
      PUQ_API_KEY: key,
      PUQ_BASE_URL: upstream.puqBaseUrl,
    })
    const allWrong = await startTestServer({
      TRIGIFY_API_KEY: 'not-the-right-key-1234',
      TRIGIFY_BASE_URL: upstream.trigifyBaseUrl,
      PUQ_API_KEY: 'not-the-right-key-1234',
      PUQ_BASE_URL: upstream.puqBaseUrl,
    })
    try {
      await waitUntil(
        async () =>
          (await halfWrong.syncs.find((sync) => sync.source === 'puq')?.progress())?.state ===
          'live',
        'puq to be read whole',
      )
      const puqOnly = merged.filter((run) => run.source === 'puq')
      const page = await halfWrong.json('/api/sources/all/runs?pageSize=50', runPageSchema)
      expect(page.items.map((run) => `${run.source}/${run.id}`)).toEqual(
        keysOf(puqOnly.slice(0, 50)),
      )
      expect(page.total).toBe(puqOnly.length)
      expect(page.coverage?.complete).toBe(false)
      const response = await allWrong.get('/api/sources/all/runs')
      expect(response.status).toBe(502)
      expect(apiErrorSchema.parse(JSON.parse(response.body)).error.code).toBe('UPSTREAM_AUTH')
    } finally {
      await halfWrong.close()
      await allWrong.close()
    }
  })
})
