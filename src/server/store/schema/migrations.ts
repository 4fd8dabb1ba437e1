/**
 * The numbered migrations, one list for both engines: version N's SQL per dialect. Opening a
 * store applies what it lacks; a store newer than this list refuses to open rather than be
 * written by code that does not know its tables.
 */
import { postgresV1 } from './postgres-v1'
import { sqliteV1 } from './sqlite-v1'
import { durationLookupV2 } from './v2-duration-lookup'
import { fingerprintsV3 } from './v3-fingerprints'
import { exploreV4 } from './v4-explore'
import { searchV5Postgres, searchV5Sqlite } from './v5-search'
import { allSourcesV6 } from './v6-all-sources'

export type Dialect = 'sqlite' | 'postgres'

export type Migration = { version: number; sql: Record<Dialect, string> }

export const migrations: readonly Migration[] = [
  { version: 1, sql: { sqlite: sqliteV1, postgres: postgresV1 } },
  { version: 2, sql: { sqlite: durationLookupV2, postgres: durationLookupV2 } },
  { version: 3, sql: fingerprintsV3 },
  { version: 4, sql: { sqlite: exploreV4, postgres: exploreV4 } },
  { version: 5, sql: { sqlite: searchV5Sqlite, postgres: searchV5Postgres } },
  { version: 6, sql: allSourcesV6 },
]

export const latestSchemaVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0)

export const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL)`

/** The one line a person reads when a store is newer than this Runboard. */
export function newerSchemaError(where: string, found: number, hint: string): Error {
  return new Error(
    `The store at ${where} has schema version ${found}; this Runboard knows up to ${latestSchemaVersion}. Upgrade Runboard or ${hint}.`,
  )
}

/** A version the store holds that this list does not know (the newest such), if any. */
export function unknownVersion(applied: readonly number[]): number | undefined {
  const known = new Set(migrations.map((m) => m.version))
  const unknown = applied.filter((version) => !known.has(version))
  return unknown.length === 0 ? undefined : Math.max(...unknown)
}

/** Hears, before a store that holds a history is upgraded, that opening it takes a moment. */
export type UpgradeNotice = (message: string) => void

/**
 * What to say before upgrading: an index rebuilt over a million runs takes seconds at open,
 * which without a word looks like a hang. Nothing for a new store, or one already current.
 */
export function upgradeMessage(
  where: string,
  applied: readonly number[],
  pending: readonly Migration[],
): string | undefined {
  if (applied.length === 0 || pending.length === 0) return undefined
  const from = Math.max(...applied)
  const to = Math.max(...pending.map((migration) => migration.version))
  return `Upgrading the run index at ${where} from schema v${from} to v${to}; on a large store this takes a few seconds.`
}

export function pendingMigrations(applied: readonly number[]): Migration[] {
  const done = new Set(applied)
  return migrations.filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version)
}
