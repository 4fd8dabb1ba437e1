/**
 * The run at a glance: status, workflow, version, trigger, when it ran (in the chosen time
 * zone, which the text names) and how long it took, counting up while it runs.
 */
import type { ReactNode } from 'react'
import type { RunDetail } from '../../../../shared/model'
import { StatusBadge } from '../../../components/ui/status-badge'
import {
  formatAbsoluteTime,
  formatDuration,
  formatVendorWord,
  type TimeZoneMode,
} from '../../../lib/format'
import { isProgressingStatus } from '../../../../shared/run-status'
import { liveRefetchMs } from '../api/run-detail-queries'

/** The reported duration, else what the timestamps say, else (while running) the time so far. */
export function runDurationMs(run: RunDetail, nowMs: number): number | undefined {
  if (run.durationMs !== undefined) return run.durationMs
  const start = run.startedAt ? Date.parse(run.startedAt) : Number.NaN
  if (Number.isNaN(start)) return undefined
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Number.NaN
  if (!Number.isNaN(end)) return Math.max(0, end - start)
  return isProgressingStatus(run.status) ? Math.max(0, nowMs - start) : undefined
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-fg-subtle">{label}</dt>
      <dd className="mt-0.5 min-w-0 text-sm text-fg">{children}</dd>
    </div>
  )
}

const missing = <span className="text-fg-subtle">—</span>

export function RunSummary({
  run,
  tz,
  nowMs,
}: {
  run: RunDetail
  tz: TimeZoneMode
  nowMs: number
}) {
  const isLive = isProgressingStatus(run.status)
  const durationMs = runDurationMs(run, nowMs)
  return (
    <section aria-label="Run summary" className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <StatusBadge status={run.status} vendorStatus={run.vendorStatus} />
        <p className="min-w-0 text-base font-semibold text-fg wrap-anywhere">
          {run.workflowName ?? run.workflowId}
        </p>
        {isLive && (
          <span className="text-xs text-fg-subtle">
            Refreshing every {formatDuration(liveRefetchMs)} while it runs
          </span>
        )}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3">
        <Field label="Workflow id">
          <span className="block truncate font-mono text-xs leading-5" title={run.workflowId}>
            {run.workflowId}
          </span>
        </Field>
        <Field label="Version">
          {run.version !== undefined ? (
            <span className="block truncate" title={run.version}>
              {run.version}
            </span>
          ) : (
            missing
          )}
        </Field>
        <Field label="Trigger">
          {run.trigger !== undefined ? (
            <span title={run.trigger}>{formatVendorWord(run.trigger)}</span>
          ) : (
            missing
          )}
        </Field>
        <Field label="Started">
          {run.startedAt !== undefined ? (
            <time dateTime={run.startedAt} className="tabular-nums">
              {formatAbsoluteTime(run.startedAt, tz)}
            </time>
          ) : (
            <span className="text-fg-subtle">{run.status === 'pending' ? 'Not yet' : '—'}</span>
          )}
        </Field>
        <Field label="Finished">
          {run.finishedAt !== undefined ? (
            <time dateTime={run.finishedAt} className="tabular-nums">
              {formatAbsoluteTime(run.finishedAt, tz)}
            </time>
          ) : (
            <span className="text-fg-subtle">{isLive ? 'Still running' : '—'}</span>
          )}
        </Field>
        <Field label="Duration">
          {durationMs !== undefined ? (
            <span className="tabular-nums">
              {formatDuration(durationMs)}
              {isLive && run.durationMs === undefined && (
                <span className="text-fg-subtle"> so far</span>
              )}
            </span>
          ) : (
            missing
          )}
        </Field>
      </dl>
    </section>
  )
}
