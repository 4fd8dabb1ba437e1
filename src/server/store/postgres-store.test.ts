import { describe, expect, inject, it } from 'vitest'
import { fingerprintOf } from '../failures/fingerprint'
import { openPostgresStore } from './postgres-store'
import { postgresV1 } from './schema/postgres-v1'
import { durationLookupV2 } from './schema/v2-duration-lookup'
import { describeStoreContract } from './store.contract'
import { describeFailuresContract } from './store.contract-failures'
import { freshDatabase } from './testing/postgres-database'
import pg from 'pg'

const clusterUrl = inject('postgresUrl')

describeStoreContract('postgres', async () =>
  openPostgresStore({ url: await freshDatabase(clusterUrl, 'contract') }),
)
describeFailuresContract('postgres', async () =>
  openPostgresStore({ url: await freshDatabase(clusterUrl, 'failures') }),
)

describe('openPostgresStore', () => {
  it('lets one store at a time sync a source, and another take over when it closes', async () => {
    const url = await freshDatabase(clusterUrl, 'lock')
    const first = await openPostgresStore({ url })
    const second = await openPostgresStore({ url })
    try {
      expect(first.engine).toBe('postgres')
      expect(await first.tryLockSource('trigify')).toBe(true)
      expect(await first.tryLockSource('trigify')).toBe(true)
      expect(await second.tryLockSource('trigify')).toBe(false)
      expect(await second.tryLockSource('puq')).toBe(true)
      await first.close()
      expect(await second.tryLockSource('trigify')).toBe(true)
    } finally {
      await second.close()
    }
  })

  it('refuses a store with a newer schema, saying what and where', async () => {
    const url = await freshDatabase(clusterUrl, 'newer')
    const store = await openPostgresStore({ url })
    await store.close()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('INSERT INTO schema_migrations (version, applied_at_ms) VALUES (7, 0)')
    await client.end()
    await expect(openPostgresStore({ url })).rejects.toThrow(
      `The store at ${url} has schema version 7; this Runboard knows up to 6. Upgrade Runboard or point RUNBOARD_DATABASE_URL elsewhere.`,
    )
  })

  it('fingerprints the failed runs a version 2 store holds when it migrates', async () => {
    const url = await freshDatabase(clusterUrl, 'v2')
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(postgresV1)
    await client.query(durationLookupV2)
    await client.query(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL);
      INSERT INTO schema_migrations VALUES (1, 0), (2, 0)`)
    // 1,200 failed runs (more than one batch) of two causes, and one run that succeeded.
    await client.query(`INSERT INTO runs (source, id, workflow_id, status, vendor_status, started_ms, sort_ms, error, failed_step)
      SELECT 's', 'f' || i, 'w', 'failed', 'x', i * 1000, i * 1000, 'timeout after ' || i || ' ms',
        CASE WHEN i % 3 = 0 THEN 'a' ELSE 'b' END FROM generate_series(0, 1199) AS i`)
    await client.query(`INSERT INTO runs (source, id, workflow_id, status, vendor_status, started_ms, sort_ms)
      VALUES ('s', 'ok', 'w', 'succeeded', 'x', 5, 5)`)
    await client.end()
    const store = await openPostgresStore({ url })
    try {
      const { groups, totalFailed } = await store.failureGroups({ sources: ['s'] })
      expect(totalFailed).toBe(1200)
      const fp = (step: string) =>
        fingerprintOf({
          source: 's',
          workflowId: 'w',
          failedStep: step,
          error: 'timeout after 1 ms',
        })
      expect(groups.map((g) => [g.fingerprint, g.count, g.message, g.firstSeenMs])).toEqual([
        [fp('b'), 800, 'timeout after <duration>', 1000],
        [fp('a'), 400, 'timeout after <duration>', 0],
      ])
    } finally {
      await store.close()
    }
  })

  it('says which server it could not reach', async () => {
    await expect(
      openPostgresStore({ url: 'postgres://runboard:secret@127.0.0.1:1/none' }),
    ).rejects.toThrow(
      /^The PostgreSQL store at postgres:\/\/runboard:\*\*\*@127\.0\.0\.1:1\/none cannot be opened: /,
    )
  })
})
