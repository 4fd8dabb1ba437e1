/**
 * A sync batch as the statements of one transaction. Both engines apply the same list, so
 * "runs upserted, steps replaced, workflows replaced, cursor and state stored" means the same
 * on each; the rollups follow through the triggers inside that same transaction.
 */
import type { Run } from '../../shared/model'
import type { Dialect } from './schema/migrations'
import type { Param, Statement } from './db'
import { rowValues, upsertColumns } from './rows'
import type { SyncBatch } from './types'

const rowsPerStatement: Record<Dialect, number> = { sqlite: 1, postgres: 200 }

/**
 * What a run's detail added (puq: the failed step and its error) survives a later listing of
 * the same run, which does not carry them; a new status makes them stale like the steps.
 */
const keptFromDetail = new Set(['error', 'failed_step'])

/** The stored row's cause is what the upsert leaves: its error and step, where kept. */
const keepsStored = `runs.status = excluded.status
  AND excluded.workflow_id = runs.workflow_id
  AND COALESCE(excluded.error, runs.error) IS NOT DISTINCT FROM runs.error
  AND COALESCE(excluded.failed_step, runs.failed_step) IS NOT DISTINCT FROM runs.failed_step`
const mergesDetail = `runs.status = excluded.status AND (
  (excluded.error IS NULL AND runs.error IS NOT NULL)
  OR (excluded.failed_step IS NULL AND runs.failed_step IS NOT NULL))`

/**
 * The fingerprint follows the cause the row ends up with. Unchanged: the stored one stands. The
 * listing's own: the one computed from it. A mix of the two (puq lists the error, its detail
 * named the step): no SQL can normalize it, so it is left NULL for `fillFingerprints`, which
 * runs after every write.
 */
const failureUpdates = [
  `fingerprint = CASE WHEN excluded.fingerprint IS NULL THEN NULL
    WHEN ${keepsStored} THEN runs.fingerprint WHEN ${mergesDetail} THEN NULL
    ELSE excluded.fingerprint END`,
  `error_norm = CASE WHEN excluded.fingerprint IS NULL THEN NULL
    WHEN excluded.error IS NULL AND runs.status = excluded.status THEN runs.error_norm
    ELSE excluded.error_norm END`,
]

const updates = [
  ...upsertColumns
    .filter(
      (column) =>
        column !== 'source' &&
        column !== 'id' &&
        column !== 'fingerprint' &&
        column !== 'error_norm',
    )
    .map((column) =>
      keptFromDetail.has(column)
        ? `${column} = CASE WHEN excluded.${column} IS NULL AND runs.status = excluded.status THEN runs.${column} ELSE excluded.${column} END`
        : `${column} = excluded.${column}`,
    ),
  ...failureUpdates,
].join(', ')

function upsertSql(rows: number): string {
  const tuple = `(${upsertColumns.map(() => '?').join(', ')})`
  const values = Array.from({ length: rows }, () => tuple).join(', ')
  // Steps read while a run had another status describe a state that is gone: drop them, so
  // the run is read again (a batch that brings new steps applies them after this).
  return `INSERT INTO runs (${upsertColumns.join(', ')}) VALUES ${values}
    ON CONFLICT (source, id) DO UPDATE SET ${updates},
    steps_json = CASE WHEN runs.status = excluded.status THEN runs.steps_json ELSE NULL END`
}

/** The last copy of each run id wins, as if the batch's runs were written one by one. */
function lastById(runs: readonly Run[]): Run[] {
  const byId = new Map<string, Run>()
  for (const run of runs) {
    byId.delete(run.id)
    byId.set(run.id, run)
  }
  return [...byId.values()]
}

export function batchStatements(dialect: Dialect, batch: SyncBatch): Statement[] {
  const statements: Statement[] = []
  const { source } = batch
  const runs = lastById(batch.runs ?? [])
  const chunk = rowsPerStatement[dialect]
  for (let start = 0; start < runs.length; start += chunk) {
    const slice = runs.slice(start, start + chunk)
    const params: Param[] = []
    for (const run of slice) params.push(...rowValues(source, run))
    statements.push({ sql: upsertSql(slice.length), params })
  }
  for (const { runId, steps } of batch.steps ?? []) {
    // Steps of a run the store does not hold have nothing to attach to; the UPDATE skips them.
    statements.push({
      sql: 'UPDATE runs SET steps_json = ? WHERE source = ? AND id = ?',
      params: [JSON.stringify(steps), source, runId],
    })
  }
  if (batch.workflows !== undefined) {
    statements.push({ sql: 'DELETE FROM workflows WHERE source = ?', params: [source] })
    batch.workflows.forEach((workflow, position) => {
      statements.push({
        sql: 'INSERT INTO workflows (source, position, json) VALUES (?, ?, ?)',
        params: [source, position, JSON.stringify(workflow)],
      })
    })
  }
  if (batch.cursor !== undefined) {
    statements.push({
      sql: `INSERT INTO sync_cursors (source, stream, json) VALUES (?, ?, ?)
        ON CONFLICT (source, stream) DO UPDATE SET json = excluded.json`,
      params: [source, batch.cursor.stream, JSON.stringify(batch.cursor.value)],
    })
  }
  if (batch.state !== undefined) {
    statements.push({
      sql: `INSERT INTO sync_state (source, json) VALUES (?, ?)
        ON CONFLICT (source) DO UPDATE SET json = excluded.json`,
      params: [source, JSON.stringify(batch.state)],
    })
  }
  return statements
}

export const clearStatements: Record<Dialect, Statement[]> = {
  sqlite: [
    'runs',
    'run_totals',
    'run_days',
    'run_slots',
    'run_duration_days',
    'workflows',
    'sync_cursors',
    'sync_state',
  ].map((table) => ({ sql: `DELETE FROM ${table}`, params: [] })),
  postgres: [
    {
      sql: 'TRUNCATE runs, run_totals, run_days, run_slots, run_duration_days, workflows, sync_cursors, sync_state',
      params: [],
    },
  ],
}
