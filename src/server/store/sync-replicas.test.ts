/**
 * Two Runboard replicas on one PostgreSQL store: exactly one syncs a source, both answer the
 * same complete history, and when the syncing one goes the other takes over. Each replica
 * reads its own (identical) sandbox, so the sandboxes' counters say who asked the vendor.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { puqFeed, type FeedUpstream } from '../sources/feed-registry'
import { SourceSync } from '../sync/source-sync'
import { startTestSandbox, testFeedUpstream, waitUntil, type Sandbox } from '../testing/harness'
import { openPostgresStore } from './postgres-store'
import { freshDatabase } from './testing/postgres-database'

let sandbox: Sandbox
let twin: Sandbox
let upstream: FeedUpstream

beforeAll(async () => {
  sandbox = await startTestSandbox({ runs: 2_000 })
  twin = await startTestSandbox({ runs: 2_000 })
  upstream = testFeedUpstream()
})

afterAll(async () => {
  await sandbox.close()
  await twin.close()
  await upstream.dispatcher.close()
})

const feed = (vendor: Sandbox) =>
  puqFeed(
    {
      id: 'puq',
      label: 'puq.ai',
      isDemo: true,
      apiKey: vendor.apiKey,
      baseUrl: vendor.puqBaseUrl,
    },
    upstream,
  )

describe('replicas sharing a PostgreSQL store', () => {
  it('sync each source once, and hand it over when the syncing one goes', async () => {
    const url = await freshDatabase(inject('postgresUrl'), 'replicas')
    const storeA = await openPostgresStore({ url })
    const storeB = await openPostgresStore({ url })
    const a = new SourceSync(feed(sandbox), storeA)
    const b = new SourceSync(feed(twin), storeB)
    try {
      a.start()
      await waitUntil(async () => (await a.progress()).state === 'live', 'replica A live')
      b.start()
      // B follows A's cursors from the store: live without a request of its own.
      await waitUntil(async () => (await b.progress()).state === 'live', 'replica B following')
      const total = (await storeA.listRuns({ sources: ['puq'] }, { offset: 0, limit: 0 })).total
      expect(total).toBeGreaterThan(900)
      expect((await storeB.listRuns({ sources: ['puq'] }, { offset: 0, limit: 0 })).total).toBe(
        total,
      )
      expect(twin.requestCount().puq).toBe(0)

      // A goes away (its connection and lock with it): B takes the source over.
      await a.stop()
      await storeA.close()
      b.refreshNow()
      await waitUntil(
        () => Promise.resolve(twin.requestCount().puq > 0),
        'replica B to read the vendor itself',
      )
    } finally {
      await a.stop()
      await b.stop()
      await storeB.close()
      await storeA.close().catch(() => undefined)
    }
  })
})
