/**
 * Exact counts per status for a filter, from the rollups: every run of a source from
 * `run_totals`, a window's whole days from `run_days` and its partial edge days from the runs.
 * Per-day counts come with them, which is what lets a deep page start near its rows.
 */
import { runStatuses, type RunStatus } from '../../shared/run-status'
import type { Db, Param } from './db'
import { placeholders, whereOf } from './filter-sql'
import { rollupDayMs } from './rows'
import type { RunFilter } from './types'
import { floorTo, splitWindow } from './window-split'

export type StatusCounts = Record<RunStatus, number>

export function zeroCounts(): StatusCounts {
  const counts = {} as StatusCounts
  for (const status of runStatuses) counts[status] = 0
  return counts
}

type CountRow = { status: string; n: number | string }
type DayRow = CountRow & { day_ms: number | string }

export function addCount(counts: StatusCounts, status: string, n: number | string): void {
  if (status in counts) counts[status as RunStatus] += Number(n)
}

export type DayCounts = {
  /** Dated runs per UTC day start (window edges counted exactly), every status. */
  days: Map<number, StatusCounts>
  /** Every matching run per status, undated ones included when there is no window. */
  counts: StatusCounts
  /** Undated runs per status (always zero with a window: they are in no window). */
  undated: StatusCounts
}

function dayOf(days: Map<number, StatusCounts>, dayMs: number): StatusCounts {
  let counts = days.get(dayMs)
  if (counts === undefined) {
    counts = zeroCounts()
    days.set(dayMs, counts)
  }
  return counts
}

/** Per-day and total counts for a filter without a workflow, ignoring its status part. */
export async function dayCounts(db: Db, filter: RunFilter): Promise<DayCounts> {
  const sources = placeholders(filter.sources.length)
  const split = splitWindow(filter, rollupDayMs)
  const days = new Map<number, StatusCounts>()
  const counts = zeroCounts()
  const windowed = filter.fromMs !== undefined || filter.toMs !== undefined
  const reads: Promise<void>[] = []
  if (split.whole !== undefined) {
    const clauses = [`source IN (${sources})`]
    const params: Param[] = [...filter.sources]
    if (split.whole.fromMs !== undefined) {
      clauses.push('day_ms >= ?')
      params.push(split.whole.fromMs)
    }
    if (split.whole.toMs !== undefined) {
      clauses.push('day_ms < ?')
      params.push(split.whole.toMs)
    }
    reads.push(
      db
        .all<DayRow>(
          `SELECT day_ms, status, SUM(runs) AS n FROM run_days WHERE ${clauses.join(' AND ')}
           GROUP BY day_ms, status`,
          params,
        )
        .then((rows) => {
          for (const row of rows) addCount(dayOf(days, Number(row.day_ms)), row.status, row.n)
        }),
    )
  }
  for (const edge of split.edges) {
    const where = whereOf({ ...filter, ...edge }, { status: false, workflow: false })
    reads.push(
      db
        .all<CountRow>(
          `SELECT status, COUNT(*) AS n FROM runs WHERE ${where.sql} GROUP BY status`,
          where.params,
        )
        .then((rows) => {
          const day = dayOf(days, floorTo(edge.fromMs, rollupDayMs))
          for (const row of rows) addCount(day, row.status, row.n)
        }),
    )
  }
  let totals: CountRow[] = []
  if (!windowed) {
    reads.push(
      db
        .all<CountRow>(
          `SELECT status, SUM(runs) AS n FROM run_totals WHERE source IN (${sources}) GROUP BY status`,
          [...filter.sources],
        )
        .then((rows) => {
          totals = rows
        }),
    )
  }
  await Promise.all(reads)
  const undated = zeroCounts()
  for (const day of days.values()) {
    for (const status of runStatuses) counts[status] += day[status]
  }
  if (!windowed) {
    for (const status of runStatuses) undated[status] = -counts[status]
    for (const row of totals) addCount(undated, row.status, row.n)
    for (const status of runStatuses) counts[status] += undated[status]
  }
  return { days, counts, undated }
}

/**
 * Counts per status for a filter with a workflow or a failure group: a workflow's totals row,
 * or the matching runs themselves (a window's, or a group's, which no rollup keeps).
 */
export async function workflowCounts(db: Db, filter: RunFilter): Promise<StatusCounts> {
  const counts = zeroCounts()
  if (filter.failure !== undefined) {
    // Only failed runs carry a fingerprint; counting by status would lead SQLite to scan the
    // source's status index (to skip a sort) instead of seeking the group's own index.
    const where = whereOf(filter, { status: false })
    const [row] = await db.all<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM runs WHERE ${where.sql}`,
      where.params,
    )
    counts.failed = Number(row?.n ?? 0)
    return counts
  }
  const windowed = filter.fromMs !== undefined || filter.toMs !== undefined
  const rows = windowed
    ? await (() => {
        const where = whereOf(filter, { status: false })
        return db.all<CountRow>(
          `SELECT status, COUNT(*) AS n FROM runs WHERE ${where.sql} GROUP BY status`,
          where.params,
        )
      })()
    : await db.all<CountRow>(
        `SELECT status, SUM(runs) AS n FROM run_totals
         WHERE source IN (${placeholders(filter.sources.length)}) AND workflow_id = ? GROUP BY status`,
        [...filter.sources, filter.workflow ?? ''],
      )
  for (const row of rows) addCount(counts, row.status, row.n)
  return counts
}

export function totalOf(counts: StatusCounts, statuses: readonly string[] | undefined): number {
  let total = 0
  for (const status of runStatuses) {
    if (statuses === undefined || statuses.includes(status)) total += counts[status]
  }
  return total
}
