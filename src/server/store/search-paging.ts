/**
 * A page of a search (`q`): the rollups count runs, not matches, so a search counts its
 * matches per status in one grouped read over the search index, and pages in any of the
 * listing's orders by OFFSET over the matches alone.
 */
import { addCount, totalOf, zeroCounts } from './counts'
import type { Db } from './db'
import { newestFirst, statusesOf, whereOf } from './filter-sql'
import { select } from './paging'
import type { PageRequest, RunFilter, RunListPage } from './types'

type Num = number | string

/** Matches above which a newest-first page walks the runs in order instead of sorting them. */
const walkAboveMatches = 2_000

/** The listing's orders written for any match set (no index walks them; the matches are few). */
function orderOf(db: Db, sort: PageRequest['sort']): string {
  const last = db.dialect === 'postgres' ? ' NULLS LAST' : ''
  const untimedNewest = `CASE WHEN duration_ms IS NULL THEN sort_ms END DESC${last}`
  switch (sort ?? '-started') {
    case '-started':
      return newestFirst(db.dialect)
    // Runs listed newest first inside an ascending order (undated ones; those without a
    // duration) keep newest first's ties too: id, then source, descending.
    case 'started':
      return 'sort_ms IS NULL, sort_ms ASC, CASE WHEN sort_ms IS NULL THEN id END DESC, CASE WHEN sort_ms IS NULL THEN source END DESC, id ASC, source ASC'
    case '-duration':
      return `duration_ms IS NULL, duration_ms DESC, ${untimedNewest}, id DESC, source DESC`
    case 'duration':
      return `duration_ms IS NULL, duration_ms ASC, ${untimedNewest}, CASE WHEN duration_ms IS NULL THEN id END DESC, CASE WHEN duration_ms IS NULL THEN source END DESC, id ASC, source ASC`
  }
}

export async function searchPage(
  db: Db,
  filter: RunFilter,
  page: PageRequest,
): Promise<RunListPage> {
  const byStatus = whereOf(filter, { status: false }, '', db.dialect)
  const rows = await db.all<{ status: string; n: Num }>(
    `SELECT status, COUNT(*) AS n FROM runs WHERE ${byStatus.sql} GROUP BY status`,
    byStatus.params,
  )
  const counts = zeroCounts()
  for (const row of rows) addCount(counts, row.status, row.n)
  const total = totalOf(counts, statusesOf(filter))
  const wanted = { offset: page.offset, limit: page.limit }
  // Few matches: looked up by rowid and sorted. Many, newest first: the source's runs walked in
  // that order (an index has it) until the page is found, rather than every match sorted.
  const walk = (page.sort ?? '-started') === '-started' && total > walkAboveMatches
  const where = whereOf(filter, { sourceUnindexed: !walk }, '', db.dialect)
  const items =
    page.limit > 0 && page.offset < total
      ? await select(db, where, orderOf(db, page.sort), wanted)
      : []
  return { items, total, counts: { ...counts } }
}
