/**
 * The sync against a real sandbox over HTTP into a real SQLite file: it reads every run of
 * both vendors, resumes after a stop without losing or doubling anything, reads puq failures'
 * steps, and keeps its error in words while the vendor refuses the key.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { puqRunListSchema } from '../sources/puq'
import { puqFeed, trigifyFeed, type FeedUpstream } from '../sources/feed-registry'
import {
  readWorkflowList,
  trigifyExecutionPageSchema,
  trigifyWorkflowListSchema,
} from '../sources/trigify'
import { openSqliteStore } from '../store/sqlite-store'
import type { RunStore } from '../store/types'
import { oracle, startTestSandbox, testFeedUpstream, type Sandbox } from '../testing/harness'
import { SourceSync } from './source-sync'

let sandbox: Sandbox
let upstream: FeedUpstream
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  sandbox = await startTestSandbox({ runs: 3_000 })
  upstream = testFeedUpstream()
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

afterAll(async () => {
  await sandbox.close()
  await upstream.dispatcher.close()
})

async function tempStore(): Promise<{ store: RunStore; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'runboard-sync-'))
  const store = await openSqliteStore({ dataDir })
  cleanups.push(async () => {
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  })
  return { store, dataDir }
}

function settings(vendor: 'trigify' | 'puq', apiKey = sandbox.apiKey) {
  return {
    id: `test-${vendor}`,
    label: vendor,
    isDemo: true,
    apiKey,
    baseUrl: vendor === 'trigify' ? sandbox.trigifyBaseUrl : sandbox.puqBaseUrl,
  }
}

/** Polls a condition (no fixed sleeps): resolves when it holds, fails after `timeoutMs`. */
async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

function started(sync: SourceSync): SourceSync {
  sync.start()
  cleanups.push(() => sync.stop())
  return sync
}

const isLive = (sync: SourceSync) => async () => (await sync.progress()).state === 'live'

/** Every Trigify run id straight from the sandbox: each workflow's pages to the end. */
async function trigifyTruth(): Promise<Map<string, string>> {
  const list = readWorkflowList(
    trigifyWorkflowListSchema.parse(await oracle(sandbox, '/trigify/v1/workflows?limit=100')),
    100,
  )
  const runs = new Map<string, string>()
  for (const workflow of list.items) {
    for (let page = 1; ; page += 1) {
      const body = trigifyExecutionPageSchema.parse(
        await oracle(
          sandbox,
          `/trigify/v1/workflows/${workflow.id}/executions?page=${page}&page_size=100`,
        ),
      )
      for (const execution of body.data.executions) runs.set(execution.run_id, execution.status)
      if (body.data.executions.length < 100) break
    }
  }
  return runs
}

describe('source sync', () => {
  it('stores every Trigify run of every workflow, each once', async () => {
    const { store } = await tempStore()
    const sync = started(new SourceSync(trigifyFeed(settings('trigify'), upstream), store))
    await waitFor(isLive(sync), 'the Trigify backfill')

    const truth = await trigifyTruth()
    const stored = await store.listRuns({ sources: ['test-trigify'] }, { offset: 0, limit: 10_000 })
    expect(stored.total).toBe(truth.size)
    expect(new Set(stored.items.map((run) => run.id)).size).toBe(truth.size)
    for (const run of stored.items) expect(truth.has(run.id)).toBe(true)
    const progress = await sync.progress()
    expect(progress.vendorTotal).toBe(truth.size)
    expect(progress.runsStored).toBe(truth.size)
  })

  it('resumes a stopped backfill from its cursors without losing or doubling runs', async () => {
    const { store, dataDir } = await tempStore()
    const feed = puqFeed(settings('puq'), upstream)
    const first = new SourceSync(feed, store)
    first.start()
    await waitFor(async () => (await store.summary('test-puq')).runs >= 300, 'a few pages')
    await first.stop()
    const partial = (await store.summary('test-puq')).runs
    await store.close()

    const reopened = await openSqliteStore({ dataDir })
    cleanups.push(() => reopened.close())
    const second = started(new SourceSync(puqFeed(settings('puq'), upstream), reopened))
    // It serves the stored history at once, before reading anything.
    expect((await reopened.summary('test-puq')).runs).toBe(partial)
    await waitFor(isLive(second), 'the resumed puq backfill')

    const truth = puqRunListSchema.parse(await oracle(sandbox, '/puq/v1/executions?limit=1'))
    const stored = await reopened.listRuns({ sources: ['test-puq'] }, { offset: 0, limit: 0 })
    expect(stored.total).toBe(truth.total)
    expect(stored.counts.failed).toBe(truth.failed)
    expect(stored.counts.succeeded).toBe(truth.succeeded)
  })

  it("reads the steps of puq's failed runs, so the list can say why they failed", async () => {
    const { store } = await tempStore()
    const sync = started(
      new SourceSync(puqFeed(settings('puq'), upstream), store, { detailsPerMinute: 10_000 }),
    )
    await waitFor(
      async () =>
        (await sync.progress()).state === 'live' &&
        (await store.runsWithoutDetail('test-puq', ['failed'], 1)).length === 0,
      'every failure detail',
      30_000,
    )
    const failed = await store.listRuns(
      { sources: ['test-puq'], status: ['failed'] },
      { offset: 0, limit: 20 },
    )
    expect(failed.items.length).toBeGreaterThan(0)
    for (const run of failed.items) {
      const detail = await store.getRun('test-puq', run.id)
      expect(detail?.steps?.length).toBeGreaterThan(0)
      expect(detail?.run.failedStep).toEqual(expect.any(String))
    }
  })

  it("then reads the last day's settled puq runs, and leaves older ones to be opened", async () => {
    const { store } = await tempStore()
    const nowMs = sandbox.now().getTime()
    const sync = started(
      new SourceSync(puqFeed(settings('puq'), upstream), store, {
        detailsPerMinute: 10_000,
        now: () => nowMs,
      }),
    )
    const dayAgo = nowMs - 24 * 3_600_000
    await waitFor(
      async () =>
        (await sync.progress()).state === 'live' &&
        (await store.runsWithoutDetail('test-puq', ['succeeded'], 1, dayAgo)).length === 0,
      "the last day's details",
      30_000,
    )
    const succeeded = { sources: ['test-puq'], status: ['succeeded' as const] }
    const recent = await store.listRuns({ ...succeeded, fromMs: dayAgo }, { offset: 0, limit: 5 })
    expect(recent.items.length).toBeGreaterThan(0)
    for (const run of recent.items) {
      expect((await store.getRun('test-puq', run.id))?.steps?.length).toBeGreaterThan(0)
    }
    const older = await store.listRuns(
      { ...succeeded, toMs: dayAgo - 3_600_000 },
      { offset: 0, limit: 5 },
    )
    expect(older.items.length).toBeGreaterThan(0)
    for (const run of older.items) {
      expect((await store.getRun('test-puq', run.id))?.steps).toBeNull()
    }
  })

  it('says a rejected key in words and stores nothing', async () => {
    const { store } = await tempStore()
    const sync = started(
      new SourceSync(trigifyFeed(settings('trigify', 'wrong-key'), upstream), store),
    )
    await sync.settled(10_000)
    expect(sync.blockingFailure()?.code).toBe('UPSTREAM_AUTH')
    const progress = await sync.progress()
    expect(progress.state).toBe('error')
    expect(progress.lastError).toMatch(/key/i)
    expect(progress.runsStored).toBe(0)
  })
})
