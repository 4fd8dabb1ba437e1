/**
 * The run index at scale: fills a SQLite store and a PostgreSQL store (a throwaway cluster)
 * with 1,000,000 runs of realistic shape, then prints p50s of the reads the API makes against
 * the budgets (pages < 5 ms, a 30-day stats answer < 50 ms). Standalone:
 *   node --import tsx bench/store-scale.ts [--runs=1000000] [--engine=sqlite,postgres]
 * `measureStoreScale` gives the same figures to a bench part.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Run } from '../src/shared/model'
import type { RunStatus } from '../src/shared/run-status'
import { openPostgresStore } from '../src/server/store/postgres-store'
import { openSqliteStore } from '../src/server/store/sqlite-store'
import { startPostgresCluster } from '../src/server/store/testing/postgres-cluster'
import type { RunFilter, RunStore } from '../src/server/store/types'

const sources = ['bench-trigify', 'bench-puq'] as const
const workflows = 40
const spanMs = 90 * 86_400_000
const nowMs = Date.UTC(2026, 11, 1)
const batchSize = 5_000

/** `firstMs`: the first call, before any repeat (a cold answer: its pages not yet cached). */
export type StoreFigure = { label: string; p50Ms: number; firstMs: number }
export type StoreScaleResult = {
  engine: string
  runs: number
  fillMs: number
  sizeBytes: number | undefined
  rssBytes: number
  figures: StoreFigure[]
}

/** A small seeded generator: the same history every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function statusOf(r: number): RunStatus {
  if (r < 0.85) return 'succeeded'
  if (r < 0.95) return 'failed'
  const rest: RunStatus[] = ['running', 'pending', 'cancelled', 'paused', 'unknown']
  return rest[Math.floor(((r - 0.95) / 0.05) * rest.length)] ?? 'unknown'
}

/** Run i of `total`, newest first (as a backfill reads), alternating sources. */
function makeRun(i: number, total: number, next: () => number): Run {
  const source = sources[i % 2] ?? 'bench-puq'
  const startMs = nowMs - Math.floor((i / total) * spanMs) - Math.floor(next() * 1000)
  const status = statusOf(next())
  const durationMs = Math.floor(200 + next() * next() * 120_000)
  const workflow = Math.floor(next() * next() * workflows)
  const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled'
  return {
    id: `run-${(total - i).toString(36).padStart(7, '0')}`,
    source,
    workflowId: `wf-${workflow}`,
    workflowName: `Workflow ${workflow}`,
    status,
    vendorStatus: status.toUpperCase(),
    createdAt: new Date(startMs - 50).toISOString(),
    startedAt: new Date(startMs).toISOString(),
    ...(finished ? { finishedAt: new Date(startMs + durationMs).toISOString(), durationMs } : {}),
    ...(status === 'failed'
      ? {
          error: `Step "Enrich ${workflow}" failed: HTTP 502 from upstream <html>…</html>`,
          failedStep: `Enrich ${workflow}`,
        }
      : {}),
    trigger: 'schedule',
  }
}

export async function fillStore(store: RunStore, total: number): Promise<number> {
  const next = random(42)
  const started = performance.now()
  for (let start = 0; start < total; start += batchSize) {
    const bySource = new Map<string, Run[]>()
    for (let i = start; i < Math.min(total, start + batchSize); i += 1) {
      const run = makeRun(i, total, next)
      const list = bySource.get(run.source) ?? []
      list.push(run)
      bySource.set(run.source, list)
    }
    for (const [source, runs] of bySource) {
      await store.write({ source, runs, cursor: { stream: 'all', value: { offset: start } } })
    }
  }
  return performance.now() - started
}

async function timed(fn: () => Promise<unknown>, rounds = 15) {
  const first = performance.now()
  await fn()
  const firstMs = performance.now() - first
  const times: number[] = []
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now()
    await fn()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { firstMs, p50Ms: times[Math.floor(times.length / 2)] ?? 0 }
}

export async function measureStore(store: RunStore, only?: string): Promise<StoreFigure[]> {
  const source = sources[1]
  const figures: StoreFigure[] = []
  const add = async (label: string, fn: () => Promise<unknown>) => {
    if (only !== undefined && !label.includes(only)) return
    figures.push({ label, ...(await timed(fn)) })
  }
  const views: [string, RunFilter][] = [
    ['all', { sources: [source] }],
    ['status=succeeded', { sources: [source], status: ['succeeded'] }],
    ['status=failed,running', { sources: [source], status: ['failed', 'running'] }],
    ['workflow=wf-1', { sources: [source], workflow: 'wf-1' }],
    ['workflow=wf-1 status=failed', { sources: [source], workflow: 'wf-1', status: ['failed'] }],
    ['all sources', { sources: [...sources] }],
    ['all sources status=failed', { sources: [...sources], status: ['failed'] }],
  ]
  for (const [name, filter] of views) {
    const { total } = await store.listRuns(filter, { offset: 0, limit: 0 })
    const lastOffset = Math.max(0, Math.floor((total - 1) / 20) * 20)
    await add(`page first, ${name}`, () => store.listRuns(filter, { offset: 0, limit: 20 }))
    await add(`page middle, ${name}`, () =>
      store.listRuns(filter, { offset: Math.floor(total / 40) * 20, limit: 20 }),
    )
    await add(`page last, ${name}`, () => store.listRuns(filter, { offset: lastOffset, limit: 20 }))
  }
  await measureAllSources(add)
  await measureSearch(add, source)
  await add('total+counts, all', () =>
    store.listRuns({ sources: [source] }, { offset: 0, limit: 0 }),
  )
  const window = window30
  for (const [name, filter] of [
    ['all', { sources: [source], ...window }],
    ['status=failed', { sources: [source], status: ['failed'] as RunStatus[], ...window }],
    ['workflow=wf-1', { sources: [source], workflow: 'wf-1', ...window }],
  ] as [string, RunFilter][]) {
    await add(`30-day stats (slots+durations+undated), ${name}`, () =>
      Promise.all([
        store.slotCounts(filter, 900_000),
        store.durations(filter),
        store.countUndated({ ...filter, fromMs: undefined, toMs: undefined }),
      ]),
    )
  }
  await add('getRun', () => store.getRun(source, 'run-0000abc'))
  const week = { fromMs: nowMs - 7 * 86_400_000, toMs: nowMs }
  await add('7-day failures, one source', () => store.failureGroups({ sources: [source], ...week }))
  await add('7-day failures, all sources', () =>
    store.failureGroups({ sources: [...sources], ...week }),
  )
  return figures

  /** The all-sources view (`GET /api/sources/all/…`): every order, deep pages, search. */
  async function measureAllSources(add: Add) {
    const all: RunFilter = { sources: [...sources] }
    const { total } = await store.listRuns(all, { offset: 0, limit: 0 })
    for (const sort of ['started', '-duration', 'duration'] as const) {
      await add(`page first, all sources sort=${sort}`, () =>
        store.listRuns(all, { offset: 0, limit: 20, sort }),
      )
      await add(`page middle, all sources sort=${sort}`, () =>
        store.listRuns(all, { offset: Math.floor(total / 40) * 20, limit: 20, sort }),
      )
    }
    await add('page first, all sources q=run-0000ab (an id prefix)', () =>
      store.listRuns({ ...all, q: 'run-0000ab' }, { offset: 0, limit: 20 }),
    )
    await add('30-day stats (slots+durations+undated), all sources', () => {
      const filter = { ...all, ...window30 }
      return Promise.all([
        store.slotCounts(filter, 900_000),
        store.durations(filter),
        store.countUndated(all),
      ])
    })
  }

  async function measureSearch(add: Add, one: string) {
    // Ids of this history are `run-` and 7 base-36 digits: an exact id, and a prefix of 36.
    await add('q by id (exact), one source', () =>
      store.listRuns({ sources: [one], q: 'run-0000abd' }, { offset: 0, limit: 20 }),
    )
    await add('q by id (prefix), one source', () =>
      store.listRuns({ sources: [one], q: 'run-0000ab' }, { offset: 0, limit: 20 }),
    )
    // Words of one workflow's error: about 1 in 40 failed runs (a few thousand per source).
    await add('q by words, one source', () =>
      store.listRuns({ sources: [one], q: 'enrich 7 502' }, { offset: 0, limit: 20 }),
    )
    await add('q by words and status=failed, one source', () =>
      store.listRuns(
        { sources: [one], q: 'upstream Enrich 3', status: ['failed'] },
        { offset: 0, limit: 20 },
      ),
    )
  }
}

type Add = (label: string, fn: () => Promise<unknown>) => Promise<void>
const window30 = { fromMs: nowMs - 30 * 86_400_000 + 123_456, toMs: nowMs - 654_321 }

export async function measureStoreScale(options: {
  runs: number
  engines: readonly string[]
  /** Only the figures whose label holds this text (the fill is the same). */
  only?: string | undefined
}): Promise<StoreScaleResult[]> {
  const results: StoreScaleResult[] = []
  if (options.engines.includes('sqlite')) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'runboard-bench-store-'))
    try {
      const store = await openSqliteStore({ dataDir })
      const fillMs = await fillStore(store, options.runs)
      const figures = await measureStore(store, options.only)
      const file = path.join(dataDir, 'runboard.db')
      const wal = `${file}-wal`
      const sizeBytes = statSync(file).size + (statSync(wal, { throwIfNoEntry: false })?.size ?? 0)
      results.push({
        engine: 'sqlite',
        runs: options.runs,
        fillMs,
        sizeBytes,
        rssBytes: process.memoryUsage().rss,
        figures,
      })
      await store.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  if (options.engines.includes('postgres')) {
    const cluster = await startPostgresCluster({ durable: true })
    try {
      const store = await openPostgresStore({ url: cluster.url })
      const fillMs = await fillStore(store, options.runs)
      // What autovacuum would do soon after a backfill: statistics and the visibility map.
      const pg = await import('pg')
      const client = new pg.default.Client({ connectionString: cluster.url })
      await client.connect()
      await client.query('VACUUM ANALYZE')
      const size = await client.query<{ bytes: string }>(
        'SELECT pg_database_size(current_database()) AS bytes',
      )
      await client.end()
      const figures = await measureStore(store, options.only)
      results.push({
        engine: 'postgres',
        runs: options.runs,
        fillMs,
        sizeBytes: Number(size.rows[0]?.bytes),
        rssBytes: process.memoryUsage().rss,
        figures,
      })
      await store.close()
    } finally {
      await cluster.stop()
    }
  }
  return results
}

function budgetOf(label: string): number | undefined {
  if (label.startsWith('30-day')) return 50
  if (label.includes('duration')) return 20
  if (label.startsWith('page ') && label.includes('all sources')) return 10
  if (label.startsWith('page ')) return 5
  if (label.startsWith('q by id')) return 5
  if (label.startsWith('q by words')) return 50
  if (label.includes('failures')) return 100
  return undefined
}

async function main(): Promise<void> {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const runs = Number(arg('runs') ?? 1_000_000)
  const engines = (arg('engine') ?? 'sqlite,postgres').split(',')
  for (const result of await measureStoreScale({ runs, engines, only: arg('only') })) {
    console.log(
      `\n${result.engine}: ${result.runs.toLocaleString('en')} runs filled in ${(result.fillMs / 1000).toFixed(1)} s; ` +
        `${((result.sizeBytes ?? 0) / 1e6).toFixed(0)} MB on disk; RSS ${(result.rssBytes / 1e6).toFixed(0)} MB`,
    )
    for (const figure of result.figures) {
      const budget = budgetOf(figure.label)
      const verdict =
        budget === undefined
          ? ''
          : figure.p50Ms < budget
            ? `  ok (< ${budget} ms)`
            : `  over (${budget} ms)`
      console.log(
        `  ${figure.label.padEnd(58)} ${figure.p50Ms.toFixed(2).padStart(8)} ms p50` +
          ` (first ${figure.firstMs.toFixed(1)} ms)${verdict}`,
      )
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
