/**
 * A page of runs, newest first, exact at any depth. OFFSET alone walks every skipped row (20 ms
 * at the middle of 500k in SQLite), so without a workflow the page's rows are first located by
 * day from the day rollup: the query then reads only the day or two the page lies in, with a
 * short residual OFFSET. A workflow's runs are few enough for OFFSET on its own index.
 */
import type { Run } from '../../shared/model'
import { dayCounts, totalOf, workflowCounts, type StatusCounts } from './counts'
import type { Db, Param } from './db'
import { newestFirst, statusesOf, whereOf } from './filter-sql'
import { rollupDayMs, runColumns, runFromRow, type RunRow } from './rows'
import type { RunFilter, RunListPage } from './types'

type Page = { offset: number; limit: number }

function countsOut(counts: StatusCounts): RunListPage['counts'] {
  return { ...counts }
}

async function select(db: Db, where: string, params: Param[], order: string, page: Page) {
  const rows = await db.all<RunRow>(
    `SELECT ${runColumns} FROM runs WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, page.limit, page.offset],
  )
  return rows.map(runFromRow)
}

async function workflowPage(db: Db, filter: RunFilter, page: Page): Promise<RunListPage> {
  const where = whereOf(filter)
  const [counts, items] = await Promise.all([
    workflowCounts(db, filter),
    page.limit === 0
      ? Promise.resolve([])
      : select(db, where.sql, where.params, newestFirst(db.dialect), page),
  ])
  return { items, total: totalOf(counts, statusesOf(filter)), counts: countsOut(counts) }
}

/** The sort-time range [fromMs, toMs) holding dated rows offset..offset+limit-1, and the rows
 *  newer than it. */
function locate(days: [number, number][], page: Page) {
  let newer = 0
  let index = 0
  while (index < days.length && newer + (days[index]?.[1] ?? 0) <= page.offset) {
    newer += days[index]?.[1] ?? 0
    index += 1
  }
  const first = days[index]
  if (first === undefined) return undefined
  let through = newer
  let last = index
  while (last < days.length) {
    through += days[last]?.[1] ?? 0
    if (through >= page.offset + page.limit) break
    last += 1
  }
  const lastIndex = Math.min(last, days.length - 1)
  let rows = 0
  for (let day = index; day <= lastIndex; day += 1) rows += days[day]?.[1] ?? 0
  const lastDay = days[lastIndex]?.[0] ?? first[0]
  return { fromMs: lastDay, toMs: first[0] + rollupDayMs, newer, rows }
}

export async function listRuns(db: Db, filter: RunFilter, page: Page): Promise<RunListPage> {
  if (filter.workflow !== undefined) return workflowPage(db, filter, page)
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
    const range = locate(perDay, page)
    if (range !== undefined) {
      const where = whereOf(filter)
      const sql = `${where.sql} AND sort_ms >= ? AND sort_ms < ?`
      const params = [...where.params, range.fromMs, range.toMs]
      const offset = page.offset - range.newer
      if (offset > range.rows / 2) {
        // Past the middle of its range the page is read from the range's old end (ascending,
        // mirrored offset), so the engine skips the fewer rows.
        const limit = Math.min(page.limit, range.rows - offset)
        const mirrored = { offset: Math.max(0, range.rows - offset - limit), limit }
        const oldest = 'sort_ms ASC, id ASC, source ASC'
        items.push(...(await select(db, sql, params, oldest, mirrored)).reverse())
      } else {
        items.push(...(await select(db, sql, params, newestFirst(db.dialect), { ...page, offset })))
      }
    }
    const wanted = page.limit - items.length
    if (wanted > 0 && totalOf(undated, statuses) > 0) {
      const where = whereOf(filter, { window: false })
      const offset = Math.max(0, page.offset - dated)
      const undatedRuns = await select(
        db,
        `${where.sql} AND sort_ms IS NULL`,
        where.params,
        'id DESC, source DESC',
        {
          offset,
          limit: wanted,
        },
      )
      items.push(...undatedRuns)
    }
  }
  return { items, total, counts: countsOut(counts) }
}

/** Every match newest first, by keyset (constant cost per chunk however deep). */
export async function* iterateRuns(
  db: Db,
  filter: RunFilter,
  chunkSize: number,
): AsyncIterable<Run[]> {
  const where = whereOf(filter)
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
  const undated = whereOf(filter, { window: false })
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
