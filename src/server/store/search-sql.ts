/**
 * `q` as SQL: a run matches when its id is `q` or starts with it, or when every word of `q`
 * is a word of its error text or workflow name (any order, case-blind), found through the
 * search index of schema v5. Words are passed as data, never as query syntax, so quotes,
 * `*`, `NEAR` or `-` in what a person types are only text.
 */
import type { Param } from './db'
import type { Dialect } from './schema/migrations'

/** The words of `q` as the engines' tokenizers see them: runs of letters and digits. */
export function searchWords(q: string): string[] {
  return q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}

/** FTS5 query text: each word a quoted string (so never an operator), all of them required. */
function ftsQuery(words: readonly string[]): string {
  return words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ')
}

export function searchClause(
  dialect: Dialect,
  q: string,
  alias = '',
): { sql: string; params: Param[] } {
  const byId = `substr(${alias}id, 1, ?) = ?`
  const params: Param[] = [q.length, q]
  const words = searchWords(q)
  if (words.length === 0) return { sql: byId, params }
  if (dialect === 'sqlite') {
    return {
      sql: `(${byId} OR ${alias}rowid IN (SELECT rowid FROM runs_fts WHERE runs_fts MATCH ?))`,
      params: [...params, ftsQuery(words)],
    }
  }
  // The words rejoined: plainto_tsquery reads text, never tsquery operators.
  return {
    sql: `(${byId} OR ${alias}search @@ plainto_tsquery('simple', ?))`,
    params: [...params, words.join(' ')],
  }
}
