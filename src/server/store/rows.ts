/**
 * Runs as rows: ISO times become epoch milliseconds on the way in (so sorting and windows are
 * integer comparisons) and ISO strings again on the way out, and the derived columns the
 * indexes and rollups need (sort time, duration bucket) are computed once, here.
 */
import type { RunStatus } from '../../shared/run-status'
import type { Run, Step } from '../../shared/model'
import { fingerprintOf, normalizeError } from '../failures/fingerprint'

export const rollupDayMs = 86_400_000
export const rollupSlotMs = 900_000

/** The columns of `runs` a page reads, in the order `runFromRow` expects. */
export const runColumns =
  'source, id, workflow_id, workflow_name, status, vendor_status, created_ms, started_ms, finished_ms, duration_ms, error, failed_step, version, run_trigger'

export const upsertColumns = [
  'source',
  'id',
  'workflow_id',
  'workflow_name',
  'status',
  'vendor_status',
  'created_ms',
  'started_ms',
  'finished_ms',
  'sort_ms',
  'duration_ms',
  'dur_bucket',
  'error',
  'failed_step',
  'version',
  'run_trigger',
  'fingerprint',
  'error_norm',
] as const

export type RunRow = {
  source: string
  id: string
  workflow_id: string
  workflow_name: string | null
  status: string
  vendor_status: string
  created_ms: number | string | null
  started_ms: number | string | null
  finished_ms: number | string | null
  duration_ms: number | null
  error: string | null
  failed_step: string | null
  version: string | null
  run_trigger: string | null
}

function epochMs(iso: string | undefined): number | null {
  if (iso === undefined) return null
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? ms : null
}

/**
 * Log-scale duration buckets, 16 per doubling (each about 4.4% wide): the histogram rollups
 * count by bucket, and a percentile reads exact values from its one bucket only.
 */
export function durationBucket(ms: number): number {
  return Math.floor(Math.log2(1 + Math.max(0, ms)) * 16)
}

/** Durations count towards p50/p95 only for finished runs, as the stats always did. */
export function statDuration(run: Run): number | null {
  return run.durationMs !== undefined && run.finishedAt !== undefined ? run.durationMs : null
}

/** The values of `upsertColumns` for one run. */
export function rowValues(source: string, run: Run): (string | number | null)[] {
  const created = epochMs(run.createdAt)
  const started = epochMs(run.startedAt)
  const stat = statDuration(run)
  return [
    source,
    run.id,
    run.workflowId,
    run.workflowName ?? null,
    run.status,
    run.vendorStatus,
    created,
    started,
    epochMs(run.finishedAt),
    started ?? created,
    run.durationMs ?? null,
    stat === null ? null : durationBucket(stat),
    run.error ?? null,
    run.failedStep ?? null,
    run.version ?? null,
    run.trigger ?? null,
    ...failureColumns(source, run),
  ]
}

/** Only a failed run has a cause to group by; any other status clears both columns. */
function failureColumns(source: string, run: Run): [string | null, string | null] {
  if (run.status !== 'failed') return [null, null]
  return [
    fingerprintOf({
      source,
      workflowId: run.workflowId,
      failedStep: run.failedStep,
      error: run.error,
    }),
    normalizeError(run.error ?? ''),
  ]
}

function iso(ms: number | string | null): string | undefined {
  return ms === null ? undefined : new Date(Number(ms)).toISOString()
}

/** A row back as the normalized run, absent fields absent (not undefined-valued). */
export function runFromRow(row: RunRow): Run {
  const run: Run = {
    id: row.id,
    source: row.source,
    workflowId: row.workflow_id,
    status: row.status as RunStatus,
    vendorStatus: row.vendor_status,
  }
  if (row.workflow_name !== null) run.workflowName = row.workflow_name
  const createdAt = iso(row.created_ms)
  if (createdAt !== undefined) run.createdAt = createdAt
  const startedAt = iso(row.started_ms)
  if (startedAt !== undefined) run.startedAt = startedAt
  const finishedAt = iso(row.finished_ms)
  if (finishedAt !== undefined) run.finishedAt = finishedAt
  if (row.duration_ms !== null) run.durationMs = row.duration_ms
  if (row.error !== null) run.error = row.error
  if (row.failed_step !== null) run.failedStep = row.failed_step
  if (row.version !== null) run.version = row.version
  if (row.run_trigger !== null) run.trigger = row.run_trigger
  return run
}

export function stepsFromJson(json: string | null): Step[] | null {
  return json === null ? null : (JSON.parse(json) as Step[])
}
