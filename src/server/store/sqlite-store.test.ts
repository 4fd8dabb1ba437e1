import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { fingerprintOf } from '../failures/fingerprint'
import { sqliteV1 } from './schema/sqlite-v1'
import { durationLookupV2 } from './schema/v2-duration-lookup'
import { openSqliteStore } from './sqlite-store'
import { describeStoreContract } from './store.contract'
import { describeFailuresContract } from './store.contract-failures'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runboard-store-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describeStoreContract('sqlite', () => openSqliteStore({ dataDir: tempDir() }))
describeFailuresContract('sqlite', () => openSqliteStore({ dataDir: tempDir() }))

describe('openSqliteStore', () => {
  it('creates the directory and a WAL database file in it', async () => {
    const dataDir = path.join(tempDir(), 'nested', '.runboard')
    const store = await openSqliteStore({ dataDir })
    expect(store.engine).toBe('sqlite')
    expect(await store.tryLockSource('any')).toBe(true)
    await store.close()
    const db = new Database(path.join(dataDir, 'runboard.db'), { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(6)
    db.close()
  })

  it('fingerprints the failed runs a version 2 store holds when it migrates', async () => {
    const dataDir = tempDir()
    const db = new Database(path.join(dataDir, 'runboard.db'))
    db.exec(sqliteV1)
    db.exec(durationLookupV2)
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL);
      INSERT INTO schema_migrations VALUES (1, 0), (2, 0)`)
    const insert = db.prepare(
      `INSERT INTO runs (source, id, workflow_id, status, vendor_status, started_ms, sort_ms, error, failed_step)
       VALUES ('s', ?, 'w', ?, 'x', ?, ?, ?, ?)`,
    )
    // 1,200 failed runs (more than one batch) of two causes, and one run that succeeded.
    for (let i = 0; i < 1200; i += 1) {
      insert.run(
        `f${i}`,
        'failed',
        i * 1000,
        i * 1000,
        `timeout after ${i} ms`,
        i % 3 === 0 ? 'a' : 'b',
      )
    }
    insert.run('ok', 'succeeded', 5, 5, null, null)
    db.close()
    const notices: string[] = []
    const store = await openSqliteStore({ dataDir, onUpgrade: (message) => notices.push(message) })
    expect(notices).toEqual([
      `Upgrading the run index at ${path.join(dataDir, 'runboard.db')} from schema v2 to v6; on a large store this takes a few seconds.`,
    ])
    const { groups, totalFailed } = await store.failureGroups({ sources: ['s'] })
    expect(totalFailed).toBe(1200)
    const fp = (step: string) =>
      fingerprintOf({ source: 's', workflowId: 'w', failedStep: step, error: 'timeout after 1 ms' })
    expect(groups.map((g) => [g.fingerprint, g.count, g.message, g.firstSeenMs])).toEqual([
      [fp('b'), 800, 'timeout after <duration>', 1000],
      [fp('a'), 400, 'timeout after <duration>', 0],
    ])
    await store.close()
  })

  it('says nothing about upgrading a new store, or one already current', async () => {
    const dataDir = tempDir()
    const notices: string[] = []
    const onUpgrade = (message: string) => notices.push(message)
    await (await openSqliteStore({ dataDir, onUpgrade })).close()
    await (await openSqliteStore({ dataDir, onUpgrade })).close()
    expect(notices).toEqual([])
  })

  it('reopens a store with what it held', async () => {
    const dataDir = tempDir()
    const first = await openSqliteStore({ dataDir })
    await first.write({
      source: 's',
      runs: [{ id: 'r', source: 's', workflowId: 'w', status: 'failed', vendorStatus: 'x' }],
    })
    await first.close()
    const second = await openSqliteStore({ dataDir })
    expect((await second.summary('s')).runs).toBe(1)
    await second.close()
  })

  it('applies a version it lacks below its highest (versions land from parallel branches)', async () => {
    const dataDir = tempDir()
    await (await openSqliteStore({ dataDir })).close()
    const file = path.join(dataDir, 'runboard.db')
    const db = new Database(file)
    db.exec('DROP INDEX runs_duration_lookup; DELETE FROM schema_migrations WHERE version = 2')
    db.close()
    await (await openSqliteStore({ dataDir })).close()
    const reopened = new Database(file, { readonly: true })
    const versions = reopened.prepare('SELECT version FROM schema_migrations ORDER BY version')
    expect(versions.pluck().all()).toEqual([1, 2, 3, 4, 5, 6])
    const index = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'runs_duration_lookup'"
    expect(reopened.prepare(index).pluck().get()).toBe(1)
    reopened.close()
  })

  it('refuses a store with a newer schema, saying what and where', async () => {
    const dataDir = tempDir()
    const store = await openSqliteStore({ dataDir })
    await store.close()
    const file = path.join(dataDir, 'runboard.db')
    const db = new Database(file)
    db.prepare('INSERT INTO schema_migrations (version, applied_at_ms) VALUES (7, 0)').run()
    db.close()
    await expect(openSqliteStore({ dataDir })).rejects.toThrow(
      `The store at ${file} has schema version 7; this Runboard knows up to 6. Upgrade Runboard or point RUNBOARD_DATA_DIR elsewhere.`,
    )
  })

  it('refuses a file that is not a database, in one line', async () => {
    const dataDir = tempDir()
    const file = path.join(dataDir, 'runboard.db')
    writeFileSync(
      file,
      'this is not a database, just text that is long enough to have a header'.repeat(20),
    )
    await expect(openSqliteStore({ dataDir })).rejects.toThrow(
      `The store at ${file} cannot be opened: the file is not a SQLite database. Fix it or point RUNBOARD_DATA_DIR elsewhere.`,
    )
  })

  it('says when the data directory cannot be made', async () => {
    const blocker = path.join(tempDir(), 'file')
    writeFileSync(blocker, '')
    const dataDir = path.join(blocker, 'store')
    await expect(openSqliteStore({ dataDir })).rejects.toThrow(
      `The store directory ${dataDir} cannot be created: a file is in the way of the directory. Set RUNBOARD_DATA_DIR to a writable directory.`,
    )
  })
})
