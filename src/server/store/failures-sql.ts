/**
 * The failure inbox's groups: a window's failed runs by fingerprint, with what a person on call
 * needs per group (a sample, daily counts, versions) and first and last seen over the whole
 * stored history. Grouped reads over the fingerprint indexes, which hold the failed runs alone.
 */
import type { Db, Param } from './db'
import { whereOf, type Where } from './filter-sql'
import { rollupDayMs } from './rows'
import type { FailureGroup, FailureGroups, RunFilter } from './types'

type Num = number | string
type DayRow = { fingerprint: string; day_ms: Num; n: Num }
type HeadRow = {
  fingerprint: string
  first_ms: Num
  last_ms: Num
  source: string
  workflow_id: string
  workflow_name: string | null
  failed_step: string | null
  error_norm: string | null
  error: string | null
}
type VersionRow = { fingerprint: string; version: string }

/** The window as conditions on `alias.sort_ms`, for the per-group subqueries. */
function windowOf(filter: RunFilter, alias: string): Where {
  const clauses: string[] = []
  const params: Param[] = []
  if (filter.fromMs !== undefined) {
    clauses.push(`${alias}.sort_ms >= ?`)
    params.push(filter.fromMs)
  }
  if (filter.toMs !== undefined) {
    clauses.push(`${alias}.sort_ms < ?`)
    params.push(filter.toMs)
  }
  return { sql: clauses.map((clause) => ` AND ${clause}`).join(''), params }
}

export async function failureGroups(db: Db, filter: RunFilter): Promise<FailureGroups> {
  // Only failed runs carry a fingerprint (write-sql.ts clears it with the failure), so the
  // groups need no status clause, and the window's fingerprint index alone answers them.
  const where = whereOf({ ...filter, status: undefined })
  const failed = {
    sql: `${where.sql} AND fingerprint IS NOT NULL AND sort_ms IS NOT NULL`,
    params: where.params,
  }
  const inWindow = windowOf(filter, 'a')
  const newest = db.dialect === 'postgres' ? 'a.sort_ms DESC NULLS LAST' : 'a.sort_ms DESC'
  const group = 'a.source = f.source AND a.fingerprint = f.fingerprint'
  const countedWhere = whereOf({ ...filter, status: ['failed'] })
  // A window already leaves undated runs out; saying it again leads SQLite to the index without
  // the status, every run of the window instead of its failed ones (40 ms of 51 for 7 days).
  const dated =
    filter.fromMs === undefined && filter.toMs === undefined ? ' AND sort_ms IS NOT NULL' : ''
  const [days, heads, versions, total, withoutDetail] = await Promise.all([
    db.all<DayRow>(
      `SELECT fingerprint, sort_ms - sort_ms % ${rollupDayMs} AS day_ms, COUNT(*) AS n
       FROM runs WHERE ${failed.sql} GROUP BY 1, 2`,
      failed.params,
    ),
    // Per group, seeks in its own index: first and last seen over all history (not only the
    // window: that is what makes "new in the window" mean something), and its newest run in
    // the window, whose error is the sample.
    db.all<HeadRow>(
      `SELECT h.fingerprint, h.first_ms, h.last_ms, r.source, r.workflow_id, r.workflow_name,
         r.failed_step, r.error_norm, r.error
       FROM (SELECT f.source, f.fingerprint,
               (SELECT MIN(a.sort_ms) FROM runs a WHERE ${group}) AS first_ms,
               (SELECT MAX(a.sort_ms) FROM runs a WHERE ${group}) AS last_ms,
               (SELECT a.id FROM runs a WHERE ${group} AND a.sort_ms IS NOT NULL${inWindow.sql}
                ORDER BY ${newest}, a.id DESC LIMIT 1) AS newest_id
             FROM (SELECT DISTINCT source, fingerprint FROM runs WHERE ${failed.sql}) f) h
       JOIN runs r ON r.source = h.source AND r.id = h.newest_id`,
      [...inWindow.params, ...failed.params],
    ),
    db.all<VersionRow>(
      `SELECT DISTINCT fingerprint, version FROM runs
       WHERE ${failed.sql} AND version IS NOT NULL`,
      failed.params,
    ),
    // Counted apart from the groups, so a failed run left without a fingerprint shows as a gap.
    db.all<{ n: Num }>(
      `SELECT COUNT(*) AS n FROM runs WHERE ${countedWhere.sql}${dated}`,
      countedWhere.params,
    ),
    db.all<{ n: Num }>(
      `SELECT COUNT(*) AS n FROM runs
       WHERE ${countedWhere.sql}${dated} AND steps_json IS NULL`,
      countedWhere.params,
    ),
  ])
  const groups = new Map<string, FailureGroup>()
  for (const row of heads) {
    groups.set(row.fingerprint, {
      fingerprint: row.fingerprint,
      source: row.source,
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      step: row.failed_step,
      message: row.error_norm ?? '',
      sample: row.error,
      count: 0,
      firstSeenMs: Number(row.first_ms),
      lastSeenMs: Number(row.last_ms),
      daily: [],
      versions: [],
    })
  }
  for (const row of days) {
    const group = groups.get(row.fingerprint)
    if (group === undefined) continue
    group.count += Number(row.n)
    group.daily.push({ dayMs: Number(row.day_ms), count: Number(row.n) })
  }
  for (const row of versions) groups.get(row.fingerprint)?.versions.push(row.version)
  for (const group of groups.values()) {
    group.daily.sort((a, b) => a.dayMs - b.dayMs)
    group.versions.sort()
  }
  return {
    groups: [...groups.values()].sort(
      (a, b) =>
        b.count - a.count ||
        b.lastSeenMs - a.lastSeenMs ||
        (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
    ),
    totalFailed: Number(total[0]?.n ?? 0),
    withoutDetail: Number(withoutDetail[0]?.n ?? 0),
  }
}
