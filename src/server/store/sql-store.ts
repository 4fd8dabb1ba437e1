/**
 * The `RunStore` both engines share: every read and write is written once, against `Db`, so
 * SQLite and PostgreSQL answer alike by construction and one contract suite checks both.
 * Engines differ only in how they connect, run statements and take the per-source lock.
 */
import { activeStatuses, type RunStatus } from '../../shared/run-status'
import type { Run, Workflow } from '../../shared/model'
import { zeroCounts } from './counts'
import type { Db } from './db'
import { failureGroups } from './failures-sql'
import { fillFingerprints } from './fill-fingerprints'
import { placeholders, whereOf } from './filter-sql'
import { iterateRuns } from './paging'
import { runColumns, runFromRow, stepsFromJson, type RunRow } from './rows'
import { sortedPage } from './sorted-paging'
import { durations, slotCounts } from './stats-sql'
import { stepStats } from './steps-sql'
import type {
  DurationSummary,
  FailureGroups,
  PageRequest,
  RunFilter,
  RunListPage,
  RunStore,
  SlotCounts,
  StepStats,
  StoredRunDetail,
  SyncBatch,
  SyncCursor,
  WorkflowActivity,
} from './types'
import { batchStatements, clearStatements } from './write-sql'

type Num = number | string | null

export class SqlStore implements RunStore {
  readonly engine: string

  constructor(
    protected readonly db: Db,
    private readonly lockSource: (source: string) => Promise<boolean>,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.engine = db.dialect
  }

  async write(batch: SyncBatch): Promise<void> {
    await this.db.transact(batchStatements(this.db.dialect, batch))
    // A failed run merged with a stored cause is fingerprinted here (see write-sql.ts).
    if (batch.runs?.some((run) => run.status === 'failed') === true) await fillFingerprints(this.db)
  }

  async listRuns(filter: RunFilter, page: PageRequest): Promise<RunListPage> {
    if (filter.sources.length === 0) return { items: [], total: 0, counts: zeroCounts() }
    return sortedPage(this.db, filter, page)
  }

  iterateRuns(filter: RunFilter, chunkSize = 500): AsyncIterable<Run[]> {
    if (filter.sources.length === 0) return (async function* () {})()
    return iterateRuns(this.db, filter, chunkSize)
  }

  async getRun(source: string, id: string): Promise<StoredRunDetail | undefined> {
    const [row] = await this.db.all<
      RunRow & { steps_json: string | null; fingerprint: string | null }
    >(`SELECT ${runColumns}, steps_json, fingerprint FROM runs WHERE source = ? AND id = ?`, [
      source,
      id,
    ])
    if (row === undefined) return undefined
    const detail = { run: runFromRow(row), steps: stepsFromJson(row.steps_json) }
    return row.fingerprint === null ? detail : { ...detail, fingerprint: row.fingerprint }
  }

  async slotCounts(filter: RunFilter, slotMs: number): Promise<SlotCounts[]> {
    if (filter.sources.length === 0) return []
    return slotCounts(this.db, filter, slotMs)
  }

  async durations(filter: RunFilter): Promise<DurationSummary | undefined> {
    if (filter.sources.length === 0) return undefined
    return durations(this.db, filter)
  }

  async countUndated(filter: RunFilter): Promise<number> {
    if (filter.sources.length === 0) return 0
    const where = whereOf(filter, { window: false })
    const [row] = await this.db.all<{ n: Num }>(
      `SELECT COUNT(*) AS n FROM runs WHERE ${where.sql} AND sort_ms IS NULL`,
      where.params,
    )
    return Number(row?.n ?? 0)
  }

  async failureGroups(filter: RunFilter): Promise<FailureGroups> {
    if (filter.sources.length === 0) return { groups: [], totalFailed: 0, withoutDetail: 0 }
    return failureGroups(this.db, filter)
  }

  async stepStats(filter: RunFilter, basis: StepStats['basis']): Promise<StepStats> {
    if (filter.sources.length === 0) return { basis, runsRead: 0, steps: [] }
    return stepStats(this.db, filter, basis)
  }

  async workflows(source: string): Promise<Workflow[]> {
    const rows = await this.db.all<{ json: string }>(
      'SELECT json FROM workflows WHERE source = ? ORDER BY position',
      [source],
    )
    return rows.map((row) => JSON.parse(row.json) as Workflow)
  }

  async workflowActivity(source: string): Promise<WorkflowActivity[]> {
    const active = activeStatuses.map((status) => `'${status}'`).join(', ')
    const rows = await this.db.all<{
      workflow_id: string
      runs: Num
      newest_ms: Num
      oldest_active_ms: Num
    }>(
      `SELECT t.workflow_id, SUM(t.runs) AS runs,
         (SELECT MAX(r.sort_ms) FROM runs r
           WHERE r.source = t.source AND r.workflow_id = t.workflow_id) AS newest_ms,
         (SELECT MIN(r.sort_ms) FROM runs r
           WHERE r.source = t.source AND r.workflow_id = t.workflow_id
             AND r.status IN (${active})) AS oldest_active_ms
       FROM run_totals t WHERE t.source = ?
       GROUP BY t.source, t.workflow_id HAVING SUM(t.runs) > 0 ORDER BY t.workflow_id`,
      [source],
    )
    return rows.map((row) => ({
      workflowId: row.workflow_id,
      runs: Number(row.runs),
      newestMs: row.newest_ms === null ? null : Number(row.newest_ms),
      oldestActiveMs: row.oldest_active_ms === null ? null : Number(row.oldest_active_ms),
    }))
  }

  async runsWithoutDetail(
    source: string,
    statuses: readonly RunStatus[],
    limit: number,
    sinceMs?: number,
  ): Promise<Run[]> {
    if (statuses.length === 0) return []
    const order = this.db.dialect === 'postgres' ? 'sort_ms DESC NULLS LAST' : 'sort_ms DESC'
    const since = sinceMs === undefined ? '' : ' AND sort_ms >= ?'
    const rows = await this.db.all<RunRow>(
      `SELECT ${runColumns} FROM runs
       WHERE source = ? AND status IN (${placeholders(statuses.length)}) AND steps_json IS NULL${since}
       ORDER BY ${order}, id DESC LIMIT ?`,
      [source, ...statuses, ...(sinceMs === undefined ? [] : [sinceMs]), limit],
    )
    return rows.map(runFromRow)
  }

  async activeRuns(source: string, limit: number): Promise<Run[]> {
    const rows = await this.db.all<RunRow>(
      `SELECT ${runColumns} FROM runs WHERE source = ? AND status IN (${placeholders(3)})
       ORDER BY sort_ms ASC NULLS LAST, id ASC LIMIT ?`,
      [source, ...activeStatuses, limit],
    )
    return rows.map(runFromRow)
  }

  async summary(source: string): Promise<{ runs: number; oldestMs: number | null }> {
    const [row] = await this.db.all<{ runs: Num; oldest_ms: Num }>(
      `SELECT (SELECT SUM(runs) FROM run_totals WHERE source = ?) AS runs,
              (SELECT MIN(sort_ms) FROM runs WHERE source = ?) AS oldest_ms`,
      [source, source],
    )
    return {
      runs: Number(row?.runs ?? 0),
      oldestMs:
        row?.oldest_ms === null || row?.oldest_ms === undefined ? null : Number(row.oldest_ms),
    }
  }

  async cursors(source: string): Promise<Map<string, SyncCursor>> {
    const rows = await this.db.all<{ stream: string; json: string }>(
      'SELECT stream, json FROM sync_cursors WHERE source = ? ORDER BY stream',
      [source],
    )
    return new Map(rows.map((row) => [row.stream, JSON.parse(row.json) as SyncCursor]))
  }

  async syncState(source: string): Promise<SyncCursor | undefined> {
    const [row] = await this.db.all<{ json: string }>(
      'SELECT json FROM sync_state WHERE source = ?',
      [source],
    )
    return row === undefined ? undefined : (JSON.parse(row.json) as SyncCursor)
  }

  async getMeta(key: string): Promise<string | undefined> {
    const [row] = await this.db.all<{ value: string }>('SELECT value FROM meta WHERE key = ?', [
      key,
    ])
    return row?.value
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.transact([
      {
        sql: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        params: [key, value],
      },
    ])
  }

  async clear(): Promise<void> {
    await this.db.transact(clearStatements[this.db.dialect])
  }

  tryLockSource(source: string): Promise<boolean> {
    return this.lockSource(source)
  }

  async close(): Promise<void> {
    await this.onClose()
    await this.db.close()
  }
}

/**
 * A store over a migrated database, once the failed runs stored before fingerprints existed
 * (schema version 3) have theirs: every answer can then group every failed run.
 */
export async function openSqlStore(
  db: Db,
  lockSource: (source: string) => Promise<boolean>,
  onClose?: () => Promise<void>,
): Promise<SqlStore> {
  try {
    await fillFingerprints(db)
  } catch (error) {
    await db.close().catch(() => undefined)
    throw error
  }
  return new SqlStore(db, lockSource, onClose)
}
