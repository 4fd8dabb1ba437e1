/**
 * The listing's other orders: oldest first, and by duration either way. Each is exact at any
 * depth and takes its totals and counts from the newest-first path (rollups, never a scan).
 * Oldest first is newest first read from the other end, so it shares that path's fast seeks;
 * the duration orders walk the duration index (schema v4; over several sources, v6's of every
 * source) by OFFSET over keys alone and read only the page's rows, with runs without a
 * duration (few: the ones still in flight) after.
 */
import type { Run } from '../../shared/model'
import type { Db } from './db'
import { newestFirst, whereOf, type Where } from './filter-sql'
import { listRuns, select } from './paging'
import { searchPage } from './search-paging'
import type { PageRequest, RunFilter, RunListPage } from './types'

type Page = { offset: number; limit: number }
type Num = number | string | null

/** Totals and counts alone: a zero-row page of the newest-first path. */
function head(db: Db, filter: RunFilter): Promise<RunListPage> {
  return listRuns(db, filter, { offset: 0, limit: 0 })
}

async function count(db: Db, where: Where): Promise<number> {
  const [row] = await db.all<{ n: Num }>(
    `SELECT COUNT(*) AS n FROM runs WHERE ${where.sql}`,
    where.params,
  )
  return Number(row?.n ?? 0)
}

/**
 * Dated runs oldest first, then the undated ones as newest first lists them. Newest first
 * holds the dated runs at rows 0..dated-1, so an oldest-first page of them is a mirrored
 * newest-first page, reversed, and the undated rows sit at the same positions in both orders.
 */
export async function oldestFirstPage(db: Db, filter: RunFilter, page: Page): Promise<RunListPage> {
  const { total, counts } = await head(db, filter)
  const windowed = filter.fromMs !== undefined || filter.toMs !== undefined
  const undatedWhere = whereOf(filter, { window: false })
  const undated = windowed
    ? 0
    : await count(db, {
        sql: `${undatedWhere.sql} AND sort_ms IS NULL`,
        params: undatedWhere.params,
      })
  const dated = total - undated
  const items: Run[] = []
  if (page.limit > 0 && page.offset < dated) {
    const limit = Math.min(page.limit, dated - page.offset)
    const mirrored = await listRuns(db, filter, { offset: dated - page.offset - limit, limit })
    items.push(...mirrored.items.reverse())
  }
  const wanted = page.limit - items.length
  if (wanted > 0 && page.offset + items.length < total) {
    const offset = Math.max(page.offset, dated)
    items.push(...(await listRuns(db, filter, { offset, limit: wanted })).items)
  }
  return { items, total, counts }
}

/** Runs with a duration by it (ties by id, then source, the same way), then those without. */
export async function durationPage(
  db: Db,
  filter: RunFilter,
  page: Page,
  direction: 'ASC' | 'DESC',
): Promise<RunListPage> {
  const { total, counts } = await head(db, filter)
  // Several sources: walk the duration index of every source (schema v6), not each source's.
  const where = whereOf(filter, { sourceUnindexed: filter.sources.length > 1 }, '', db.dialect)
  const timed = { sql: `${where.sql} AND duration_ms IS NOT NULL`, params: where.params }
  const untimed = { sql: `${where.sql} AND duration_ms IS NULL`, params: where.params }
  const order = `duration_ms ${direction}, id ${direction}, source ${direction}`
  const items: Run[] =
    page.limit > 0 && page.offset < total ? await select(db, timed, order, page) : []
  const wanted = page.limit - items.length
  // Only a page at the end of the timed runs needs to know where they end.
  if (wanted > 0 && page.offset + items.length < total) {
    const withDuration = total - (await count(db, untimed))
    const offset = Math.max(0, page.offset - withDuration)
    items.push(...(await select(db, untimed, newestFirst(db.dialect), { offset, limit: wanted })))
  }
  return { items, total, counts }
}

/** The page in the order it asks for (newest first unless told). */
export function sortedPage(db: Db, filter: RunFilter, page: PageRequest): Promise<RunListPage> {
  if (filter.q !== undefined) return searchPage(db, filter, page)
  const plain = { offset: page.offset, limit: page.limit }
  switch (page.sort ?? '-started') {
    case '-started':
      return listRuns(db, filter, plain)
    case 'started':
      return oldestFirstPage(db, filter, plain)
    case '-duration':
      return durationPage(db, filter, plain, 'DESC')
    case 'duration':
      return durationPage(db, filter, plain, 'ASC')
  }
}
