import { describe, expect, inject, it } from 'vitest'
import { openPostgresStore } from './postgres-store'
import { describeStoreContract } from './store.contract'
import { freshDatabase } from './testing/postgres-database'
import pg from 'pg'

const clusterUrl = inject('postgresUrl')

describeStoreContract('postgres', async () =>
  openPostgresStore({ url: await freshDatabase(clusterUrl, 'contract') }),
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
      `The store at ${url} has schema version 7; this Runboard knows up to 5. Upgrade Runboard or point RUNBOARD_DATABASE_URL elsewhere.`,
    )
  })

  it('says which server it could not reach', async () => {
    await expect(
      openPostgresStore({ url: 'postgres://runboard:secret@127.0.0.1:1/none' }),
    ).rejects.toThrow(
      /^The PostgreSQL store at postgres:\/\/runboard:\*\*\*@127\.0\.0\.1:1\/none cannot be opened: /,
    )
  })
})
