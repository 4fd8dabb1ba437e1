/**
 * The shared store: PostgreSQL over a `pg` Pool, for several Runboard replicas behind one load
 * balancer. Same schema and SQL as SQLite (through `SqlStore`); BIGINT epoch milliseconds come
 * back as numbers; the right to sync a source is a session advisory lock on one dedicated
 * connection, so it is released the moment this process (or that connection) dies.
 */
import pg from 'pg'
import { numberedPlaceholders, type Db, type Param, type Statement } from './db'
import {
  createMigrationsTable,
  newerSchemaError,
  pendingMigrations,
  unknownVersion,
  upgradeMessage,
  type UpgradeNotice,
} from './schema/migrations'
import { openSqlStore } from './sql-store'
import type { RunStore } from './types'

/** Our BIGINTs are epoch ms and counts, far inside 2^53: numbers, not strings. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((
    oid: Parameters<typeof pg.types.getTypeParser>[0],
    format?: 'text' | 'binary',
  ) => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC)
      return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown
  }) as pg.CustomTypesConfig['getTypeParser'],
}

/** Lock keys: one class for Runboard, one key per source (hashtext is stable across servers). */
const lockClass = 0x52_42 // 'RB'

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'the RUNBOARD_DATABASE_URL given'
  }
}

function postgresDb(pool: pg.Pool): Db {
  const texts = new Map<string, { name: string; text: string }>()
  // Names never repeat: a connection keeps every statement it prepared under its name.
  let named = 0
  const prepared = (sql: string) => {
    let entry = texts.get(sql)
    if (entry === undefined) {
      if (texts.size >= 500) texts.clear()
      entry = { name: `rb${(named += 1)}`, text: numberedPlaceholders(sql) }
      texts.set(sql, entry)
    }
    return entry
  }
  return {
    dialect: 'postgres',
    async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
      const { name, text } = prepared(sql)
      const result = await pool.query({ name, text, values: [...params] })
      return result.rows as T[]
    },
    async transact(statements: readonly Statement[]): Promise<void> {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        for (const statement of statements) {
          const { name, text } = prepared(statement.sql)
          await client.query({ name, text, values: [...statement.params] })
        }
        await client.query('COMMIT')
        client.release()
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        // A connection in an unknown state is not given back to the pool.
        client.release(error instanceof Error ? error : true)
        throw error
      }
    },
    close: () => pool.end(),
  }
}

async function migrate(
  pool: pg.Pool,
  where: string,
  onUpgrade: UpgradeNotice | undefined,
): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    // Replicas starting together: one migrates, the others wait and then find it done.
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [lockClass])
    await client.query(createMigrationsTable)
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations',
    )
    const applied = rows.map((row) => row.version)
    const unknown = unknownVersion(applied)
    if (unknown !== undefined) {
      throw newerSchemaError(where, unknown, 'point RUNBOARD_DATABASE_URL elsewhere')
    }
    const pending = pendingMigrations(applied)
    const notice = upgradeMessage(where, applied, pending)
    if (notice !== undefined) onUpgrade?.(notice)
    for (const migration of pending) {
      await client.query(migration.sql.postgres)
      await client.query('INSERT INTO schema_migrations (version, applied_at_ms) VALUES ($1, $2)', [
        migration.version,
        Date.now(),
      ])
    }
    await client.query('COMMIT')
    client.release()
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    client.release(true)
    throw error
  }
}

/** Session locks live on one connection held for the process lifetime, outside the pool. */
class SourceLocks {
  private client: pg.Client | undefined
  private readonly held = new Set<string>()
  private lost = false

  constructor(private readonly url: string) {}

  async tryLock(source: string): Promise<boolean> {
    if (this.held.has(source) && !this.lost) return true
    if (this.client === undefined || this.lost) {
      this.held.clear()
      this.lost = false
      const client = new pg.Client({ connectionString: this.url, types })
      // A dead lock connection means the locks are gone: the next call reconnects and asks.
      client.on('error', () => {
        this.lost = true
      })
      await client.connect()
      this.client = client
    }
    const { rows } = await this.client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
      [lockClass, source],
    )
    const locked = rows[0]?.locked === true
    if (locked) this.held.add(source)
    return locked
  }

  async close(): Promise<void> {
    const client = this.client
    this.client = undefined
    this.held.clear()
    await client?.end().catch(() => undefined)
  }
}

export async function openPostgresStore(options: {
  url: string
  onUpgrade?: UpgradeNotice | undefined
}): Promise<RunStore> {
  const where = describeUrl(options.url)
  const pool = new pg.Pool({ connectionString: options.url, types, max: 10 })
  // An idle client's error (the server restarting) must not crash the process.
  pool.on('error', () => undefined)
  try {
    await migrate(pool, where, options.onUpgrade)
  } catch (error) {
    await pool.end().catch(() => undefined)
    const message = error instanceof Error ? error.message : String(error)
    if (message.startsWith(`The store at ${where}`)) throw error
    throw new Error(`The PostgreSQL store at ${where} cannot be opened: ${message}`, {
      cause: error,
    })
  }
  const locks = new SourceLocks(options.url)
  return openSqlStore(
    postgresDb(pool),
    (source) => locks.tryLock(source),
    () => locks.close(),
  )
}
