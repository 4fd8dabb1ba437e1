/**
 * The failure inbox's groups: a window's failed runs by fingerprint, with what a person on call
 * needs per group (a sample, daily counts, versions) and first and last seen over the whole
 * stored history, which is what makes "new in this window" mean something. Four grouped reads
 * over the failed runs alone (the fingerprint indexes hold nothing else).
 */
import type { Db } from './db'
import { placeholders, whereOf } from './filter-sql'
import { rollupDayMs } from './rows'
import type { FailureGroup, FailureGroups, RunFilter } from './types'

type Num = number | string
type DayRow = { fingerprint: string; day_ms: Num; n: Num }
type SampleRow = {
  fingerprint: string
  source: string
  workflow_id: string
  workflow_name: string | null
  failed_step: string | null
  error_norm: string | null
  error: string | null
}
type SeenRow = { fingerprint: string; first_ms: Num; last_ms: Num }
type VersionRow = { fingerprint: string; version: string }

export async function failureGroups(db: Db, filter: RunFilter): Promise<FailureGroups> {
  const where = whereOf({ ...filter, status: ['failed'] })
  const failed = {
    sql: `${where.sql} AND fingerprint IS NOT NULL AND sort_ms IS NOT NULL`,
    params: where.params,
  }
  const newest = db.dialect === 'postgres' ? 'sort_ms DESC NULLS LAST' : 'sort_ms DESC'
  const [days, samples, seen, versions, total] = await Promise.all([
    db.all<DayRow>(
      `SELECT fingerprint, sort_ms - sort_ms % ${rollupDayMs} AS day_ms, COUNT(*) AS n
       FROM runs WHERE ${failed.sql} GROUP BY 1, 2`,
      failed.params,
    ),
    db.all<SampleRow>(
      `SELECT fingerprint, source, workflow_id, workflow_name, failed_step, error_norm, error
       FROM (SELECT fingerprint, source, workflow_id, workflow_name, failed_step, error_norm,
               error, ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY ${newest}, id DESC) AS nth
             FROM runs WHERE ${failed.sql}) newest
       WHERE nth = 1`,
      failed.params,
    ),
    // First and last seen ignore the window and the workflow (the fingerprint implies it).
    db.all<SeenRow>(
      `SELECT fingerprint, MIN(sort_ms) AS first_ms, MAX(sort_ms) AS last_ms FROM runs
       WHERE source IN (${placeholders(filter.sources.length)}) AND fingerprint IN (
         SELECT DISTINCT fingerprint FROM runs WHERE ${failed.sql})
       GROUP BY fingerprint`,
      [...filter.sources, ...failed.params],
    ),
    db.all<VersionRow>(
      `SELECT DISTINCT fingerprint, version FROM runs
       WHERE ${failed.sql} AND version IS NOT NULL`,
      failed.params,
    ),
    // Counted apart from the groups, so a failed run left without a fingerprint shows as a gap.
    db.all<{ n: Num }>(
      `SELECT COUNT(*) AS n FROM runs WHERE ${where.sql} AND sort_ms IS NOT NULL`,
      where.params,
    ),
  ])
  const seenBy = new Map(seen.map((row) => [row.fingerprint, row]))
  const groups = new Map<string, FailureGroup>()
  for (const row of samples) {
    const times = seenBy.get(row.fingerprint)
    groups.set(row.fingerprint, {
      fingerprint: row.fingerprint,
      source: row.source,
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      step: row.failed_step,
      message: row.error_norm ?? '',
      sample: row.error,
      count: 0,
      firstSeenMs: Number(times?.first_ms ?? 0),
      lastSeenMs: Number(times?.last_ms ?? 0),
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
  }
}
