/**
 * The embedded store: one SQLite file (`runboard.db`) in the data directory, WAL so pages are
 * read while the sync writes, synchronous=NORMAL (a power cut may lose the last commits, never
 * consistency; a killed process loses nothing committed). better-sqlite3 is synchronous, so a
 * batch runs start to COMMIT without yielding and no other statement can interleave with it.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Db, Param, Statement } from './db'
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

export const sqliteFileName = 'runboard.db'

type Sqlite = Database.Database

/** Prepared statements by SQL text: preparing costs more than running a page query. */
class StatementCache {
  private readonly statements = new Map<string, Database.Statement>()

  constructor(private readonly db: Sqlite) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (statement === undefined) {
      // IN lists make the texts vary a little; a bound keeps odd filters from growing this.
      if (this.statements.size >= 500) this.statements.clear()
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

function sqliteDb(db: Sqlite): Db {
  const cache = new StatementCache(db)
  const transact = db.transaction((statements: readonly Statement[]) => {
    for (const statement of statements) cache.get(statement.sql).run(...statement.params)
  })
  return {
    dialect: 'sqlite',
    all: <T>(sql: string, params: readonly Param[] = []) =>
      Promise.resolve(cache.get(sql).all(...params) as T[]),
    transact: (statements) => {
      try {
        transact(statements)
        return Promise.resolve()
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    },
    close: () => {
      db.close()
      return Promise.resolve()
    },
  }
}

function migrate(db: Sqlite, where: string, onUpgrade: UpgradeNotice | undefined): void {
  db.exec(createMigrationsTable)
  const applied = db
    .prepare('SELECT version FROM schema_migrations')
    .pluck()
    .all()
    .map((version) => Number(version))
  const unknown = unknownVersion(applied)
  if (unknown !== undefined) {
    throw newerSchemaError(where, unknown, 'point RUNBOARD_DATA_DIR elsewhere')
  }
  const pending = pendingMigrations(applied)
  const notice = upgradeMessage(where, applied, pending)
  if (notice !== undefined) onUpgrade?.(notice)
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql.sqlite)
      db.prepare('INSERT INTO schema_migrations (version, applied_at_ms) VALUES (?, ?)').run(
        migration.version,
        Date.now(),
      )
    })()
  }
}

/** What went wrong in words a person can act on, from SQLite's or the file system's code. */
function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  switch (code) {
    case 'SQLITE_NOTADB':
      return 'the file is not a SQLite database'
    case 'SQLITE_CANTOPEN':
      return 'the file cannot be opened (check that it and its directory are readable and writable)'
    case 'SQLITE_READONLY':
      return 'the file is read-only'
    case 'SQLITE_FULL':
      return 'the disk is full'
    case 'SQLITE_CORRUPT':
      return 'the database file is corrupt'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way of the directory'
    default:
      return message
  }
}

export async function openSqliteStore(options: {
  dataDir: string
  onUpgrade?: UpgradeNotice | undefined
}): Promise<RunStore> {
  const db = openSync(options.dataDir, options.onUpgrade)
  // One process owns the file: the right to sync a source is always this process's.
  return openSqlStore(db, () => Promise.resolve(true))
}

function openSync(dataDir: string, onUpgrade: UpgradeNotice | undefined): Db {
  const options = { dataDir }
  const file = path.join(options.dataDir, sqliteFileName)
  try {
    mkdirSync(options.dataDir, { recursive: true })
  } catch (error) {
    throw new Error(
      `The store directory ${options.dataDir} cannot be created: ${reason(error)}. Set RUNBOARD_DATA_DIR to a writable directory.`,
      { cause: error },
    )
  }
  let db: Sqlite | undefined
  try {
    db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    db.pragma('foreign_keys = ON')
    // 16 MB of page cache: the hot index pages of a million runs; the rest come from the OS's
    // file cache (64 MB cost 90 MB of the server's memory and bought no measurable speed).
    db.pragma('cache_size = -8192')
    migrate(db, file, onUpgrade)
  } catch (error) {
    db?.close()
    if (error instanceof Error && error.message.startsWith(`The store at ${file}`)) throw error
    throw new Error(
      `The store at ${file} cannot be opened: ${reason(error)}. Fix it or point RUNBOARD_DATA_DIR elsewhere.`,
      { cause: error },
    )
  }
  return sqliteDb(db)
}
