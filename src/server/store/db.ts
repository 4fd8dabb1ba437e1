/**
 * The little each engine must give the shared store: read rows for a statement written with
 * `?` placeholders, and apply a list of statements in one transaction. Everything else (the
 * paging plan, the rollups, the percentiles) is engine-blind in `sql-store.ts`.
 */
import type { Dialect } from './schema/migrations'

export type Param = string | number | null

export type Statement = { sql: string; params: readonly Param[] }

export interface Db {
  readonly dialect: Dialect
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>
  transact(statements: readonly Statement[]): Promise<void>
  close(): Promise<void>
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (our SQL has no `?` inside literals). */
export function numberedPlaceholders(sql: string): string {
  let index = 0
  return sql.replace(/\?/g, () => `$${(index += 1)}`)
}
