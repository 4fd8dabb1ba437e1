/**
 * A `RunFilter` as a WHERE clause, shared by every query, so each read narrows the same way.
 * Parts can be left out: the status menu's counts ignore the status, rollups have no workflow.
 */
import type { Dialect } from './schema/migrations'
import type { Param } from './db'
import { searchClause } from './search-sql'
import type { RunFilter } from './types'

export type Where = { sql: string; params: Param[] }

export type FilterParts = {
  status?: boolean
  window?: boolean
  workflow?: boolean
  /**
   * Write the source test so that no index serves it (SQLite's `+source`): the read walks an
   * index that does not lead with the source (by rowid for a search; by duration over several
   * sources). By default so for a search: its matches are looked up by rowid, not found by a
   * walk of every run of the source; a read that wants many matches in index order says false.
   */
  sourceUnindexed?: boolean
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ')
}

/** An empty status list narrows nothing, like an absent one (a cleared status menu). */
export function statusesOf(filter: RunFilter): readonly string[] | undefined {
  return filter.status !== undefined && filter.status.length > 0 ? filter.status : undefined
}

/**
 * The filter's WHERE clause. A search (`q`) is written per engine, so a read that may carry one
 * passes its dialect; one that cannot (rollups, stats) would fail loudly rather than ignore it.
 */
export function whereOf(
  filter: RunFilter,
  parts: FilterParts = {},
  alias = '',
  dialect?: Dialect,
): Where {
  const column = (name: string) => `${alias}${name}`
  // A search looks its matches up by rowid in SQLite, so no index may serve the source test.
  const unindexed = parts.sourceUnindexed ?? filter.q !== undefined
  const sourceColumn = unindexed && dialect === 'sqlite' ? '+' : ''
  const clauses = [`${sourceColumn}${column('source')} IN (${placeholders(filter.sources.length)})`]
  const params: Param[] = [...filter.sources]
  if ((parts.workflow ?? true) && filter.workflow !== undefined) {
    clauses.push(`${column('workflow_id')} = ?`)
    params.push(filter.workflow)
  }
  // A fingerprint names its workflow too, so rollup paths that skip the workflow skip this.
  if ((parts.workflow ?? true) && filter.failure !== undefined) {
    clauses.push(`${column('fingerprint')} = ?`)
    params.push(filter.failure)
  }
  const statuses = statusesOf(filter)
  if ((parts.status ?? true) && statuses !== undefined) {
    clauses.push(`${column('status')} IN (${placeholders(statuses.length)})`)
    params.push(...statuses)
  }
  if (parts.window ?? true) {
    if (filter.fromMs !== undefined) {
      clauses.push(`${column('sort_ms')} >= ?`)
      params.push(filter.fromMs)
    }
    if (filter.toMs !== undefined) {
      clauses.push(`${column('sort_ms')} < ?`)
      params.push(filter.toMs)
    }
  }
  if (filter.q !== undefined) {
    if (dialect === undefined) throw new Error('This read cannot search: it has no dialect')
    const search = searchClause(dialect, filter.q, filter.sources, alias)
    clauses.push(search.sql)
    params.push(...search.params)
  }
  return { sql: clauses.join(' AND '), params }
}

/** Newest first, ties by id then source; undated runs (no start, no creation) last. */
export function newestFirst(dialect: Dialect): string {
  return dialect === 'postgres'
    ? 'sort_ms DESC NULLS LAST, id DESC, source DESC'
    : 'sort_ms DESC, id DESC, source DESC'
}
