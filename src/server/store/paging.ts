/**
 * A page of runs, newest first, exact at any depth. OFFSET alone walks every skipped row (20 ms
 * at the middle of 500k in SQLite), so without a workflow the page's rows are located first by
 * day from the day rollup, then by 15-minute slot within those days: the query then reads only
 * the slot or two the page lies in, with a short residual OFFSET and a short sort (PostgreSQL
 * sorts a multi-source range, since no one index orders it). A workflow's runs are found by
 * OFFSET over an index alone, and only the page's rows are read from the table.
 */
import type { Run } from '../../shared/model'
import { dayCounts, totalOf, workflowCounts, type StatusCounts } from './counts'
import type { Db, Param } from './db'
import { newestFirst, statusesOf, whereOf, type Where } from './filter-sql'
import { slotTotals } from './slot-totals'
import { rollupDayMs, rollupSlotMs, runColumns, runFromRow, type RunRow } from './rows'
import type { RunFilter, RunListPage } from './types'

type Page = { offset: number; limit: number }
type Range = { fromMs: number; toMs: number; newer: number; rows: number }

/** Rows per located range above which the range is narrowed again, from days to slots. */
const narrowAbove = 200

function countsOut(counts: StatusCounts): RunListPage['counts'] {
  return { ...counts }
}

function oldestFirst(dialect: Db['dialect']): string {
  return dialect === 'postgres'
    ? 'sort_ms ASC NULLS FIRST, id ASC, source ASC'
    : 'sort_ms ASC, id ASC, source ASC'
}

/**
 * The page's keys come from an index alone (no table row is read for a skipped one), then only
 * the page's rows are read in full: PostgreSQL otherwise fetches every skipped row's tuple.
 */
export async function select(db: Db, where: Where, order: string, page: Page): Promise<Run[]> {
  const rows = await db.all<RunRow>(
    `SELECT ${runColumns} FROM runs WHERE (source, id) IN (
       SELECT source, id FROM runs WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?
     ) ORDER BY ${order}`,
    [...where.params, page.limit, page.offset],
  )
  return rows.map(runFromRow)
}

/**
 * Rows `offset..offset+limit-1` of `total` in the filter's order; past the middle they are read
 * from the old end (ascending, mirrored offset), so the engine skips the fewer rows.
 */
async function selectNearerEnd(db: Db, where: Where, page: Page, total: number): Promise<Run[]> {
  if (page.offset <= total / 2) return select(db, where, newestFirst(db.dialect), page)
  const limit = Math.min(page.limit, total - page.offset)
  if (limit <= 0) return []
  const mirrored = { offset: Math.max(0, total - page.offset - limit), limit }
  return (await select(db, where, oldestFirst(db.dialect), mirrored)).reverse()
}

async function workflowPage(db: Db, filter: RunFilter, page: Page): Promise<RunListPage> {
  const counts = await workflowCounts(db, filter)
  const total = totalOf(counts, statusesOf(filter))
  const items = page.limit === 0 ? [] : await selectNearerEnd(db, whereOf(filter), page, total)
  return { items, total, counts: countsOut(counts) }
}

/**
 * The time range holding rows offset..offset+limit-1 of `units` (newest first, each unit
 * `unitMs` long, keyed by its start), and how many rows are newer than it.
 */
function locate(units: [number, number][], unitMs: number, page: Page): Range | undefined {
  let newer = 0
  let index = 0
  while (index < units.length && newer + (units[index]?.[1] ?? 0) <= page.offset) {
    newer += units[index]?.[1] ?? 0
    index += 1
  }
  const first = units[index]
  if (first === undefined) return undefined
  let through = newer
  let last = index
  while (last < units.length) {
    through += units[last]?.[1] ?? 0
    if (through >= page.offset + page.limit) break
    last += 1
  }
  const lastIndex = Math.min(last, units.length - 1)
  let rows = 0
  for (let unit = index; unit <= lastIndex; unit += 1) rows += units[unit]?.[1] ?? 0
  const lastStart = units[lastIndex]?.[0] ?? first[0]
  return { fromMs: lastStart, toMs: first[0] + unitMs, newer, rows }
}

/** The day range narrowed to the slots holding the page, when the days hold many rows. */
async function narrowToSlots(db: Db, filter: RunFilter, days: Range, page: Page) {
  if (days.rows <= narrowAbove) return days
  const slots = await slotTotals(db, filter, days)
  const inSlots = slots.reduce((sum, [, n]) => sum + n, 0)
  // The slots must account for exactly the day range's rows; if not, the day range stands.
  if (inSlots !== days.rows) return days
  const slot = locate(slots, rollupSlotMs, { offset: page.offset - days.newer, limit: page.limit })
  return slot === undefined ? days : { ...slot, newer: days.newer + slot.newer }
}

export async function listRuns(db: Db, filter: RunFilter, page: Page): Promise<RunListPage> {
  // A failure group, like a workflow, has no rollup: counted and paged from its own index.
  if (filter.workflow !== undefined || filter.failure !== undefined) {
    return workflowPage(db, filter, page)
  }
  const statuses = statusesOf(filter)
  const { days, counts, undated } = await dayCounts(db, filter)
  const total = totalOf(counts, statuses)
  const items: Run[] = []
  if (page.limit > 0 && page.offset < total) {
    const perDay: [number, number][] = []
    let dated = 0
    for (const [dayMs, dayCounts] of days) {
      const n = totalOf(dayCounts, statuses)
      if (n > 0) perDay.push([dayMs, n])
      dated += n
    }
    perDay.sort((a, b) => b[0] - a[0])
    const dayRange = locate(perDay, rollupDayMs, page)
    if (dayRange !== undefined) {
      const range = await narrowToSlots(db, filter, dayRange, page)
      const where = whereOf(filter)
      const inRange = {
        sql: `${where.sql} AND sort_ms >= ? AND sort_ms < ?`,
        params: [...where.params, range.fromMs, range.toMs],
      }
      const offset = page.offset - range.newer
      items.push(...(await selectNearerEnd(db, inRange, { ...page, offset }, range.rows)))
    }
    const wanted = page.limit - items.length
    if (wanted > 0 && totalOf(undated, statuses) > 0) {
      const where = whereOf(filter, { window: false })
      const undatedRuns = await select(
        db,
        { sql: `${where.sql} AND sort_ms IS NULL`, params: where.params },
        'id DESC, source DESC',
        { offset: Math.max(0, page.offset - dated), limit: wanted },
      )
      items.push(...undatedRuns)
    }
  }
  return { items, total, counts: countsOut(counts) }
}

/**
 * Every match newest first, by keyset (constant cost per chunk however deep). A search walks
 * the source's runs in order too (`sourceUnindexed: false`): looking its matches up by rowid
 * would sort every match again for each chunk (220 ms a chunk for 10,000 matches, not 23).
 */
export async function* iterateRuns(
  db: Db,
  filter: RunFilter,
  chunkSize: number,
): AsyncIterable<Run[]> {
  const where = whereOf(filter, { sourceUnindexed: false }, '', db.dialect)
  const order = newestFirst(db.dialect)
  let after: RunRow | undefined
  for (;;) {
    const keyset =
      after === undefined ? '' : ' AND sort_ms IS NOT NULL AND (sort_ms, id, source) < (?, ?, ?)'
    const params: Param[] = [...where.params]
    if (after !== undefined)
      params.push(Number(after.started_ms ?? after.created_ms), after.id, after.source)
    const rows = await db.all<RunRow>(
      `SELECT ${runColumns} FROM runs WHERE ${where.sql} AND sort_ms IS NOT NULL${keyset}
       ORDER BY ${order} LIMIT ?`,
      [...params, chunkSize],
    )
    if (rows.length === 0) break
    yield rows.map(runFromRow)
    after = rows[rows.length - 1]
    if (rows.length < chunkSize) break
  }
  if (filter.fromMs !== undefined || filter.toMs !== undefined) return
  const undated = whereOf(filter, { window: false, sourceUnindexed: false }, '', db.dialect)
  let last: RunRow | undefined
  for (;;) {
    const keyset = last === undefined ? '' : ' AND (id, source) < (?, ?)'
    const params: Param[] = [...undated.params]
    if (last !== undefined) params.push(last.id, last.source)
    const rows = await db.all<RunRow>(
      `SELECT ${runColumns} FROM runs WHERE ${undated.sql} AND sort_ms IS NULL${keyset}
       ORDER BY id DESC, source DESC LIMIT ?`,
      [...params, chunkSize],
    )
    if (rows.length === 0) return
    yield rows.map(runFromRow)
    last = rows[rows.length - 1]
    if (rows.length < chunkSize) return
  }
}
