/**
 * The line above the table: how many runs match (and, for partial answers, out of how much
 * history), whether the view is live, and when it last updated.
 */
import type { Coverage } from '../../../../shared/model'
import { describeStatuses, type RunStatus } from '../../../../shared/run-status'
import { RefreshIcon } from '../../../components/ui/icons'
import { cn } from '../../../lib/cn'
import { formatClockTime, formatCount, plural, type TimeZoneMode } from '../../../lib/format'

export function describeCount(
  total: number,
  status: readonly RunStatus[] | undefined,
  coverage: Coverage | undefined,
): string {
  const statusWords =
    status && status.length > 0 ? `${describeStatuses(status).toLowerCase()} ` : ''
  const matches = `${formatCount(total)} ${statusWords}${plural(total, 'run', 'runs')}`
  if (!coverage || coverage.complete) return matches
  // Unfiltered, the matches are the runs read so far: say it once.
  if (total === coverage.scannedRuns && coverage.totalRuns !== undefined) {
    return `${formatCount(total)} of ${formatCount(coverage.totalRuns)} runs read so far`
  }
  const scope =
    coverage.totalRuns !== undefined
      ? `the ${formatCount(coverage.scannedRuns)} of ${formatCount(coverage.totalRuns)} read so far`
      : `the ${formatCount(coverage.scannedRuns)} runs read so far`
  return `${matches} among ${scope}`
}

export function RunsCount({
  total,
  status,
  coverage,
}: {
  total: number
  status: readonly RunStatus[] | undefined
  coverage: Coverage | undefined
}) {
  const isPartial = coverage !== undefined && !coverage.complete
  return (
    <p className="text-fg tabular-nums" aria-live="polite">
      {describeCount(total, status, coverage)}
      {isPartial && (
        <span
          className="ml-2 text-fg-muted"
          title="Runboard is still reading this source's history into its index, newest first, within the vendor's rate limit."
        >
          (history still being read)
        </span>
      )}
    </p>
  )
}

export function LiveStatus({
  updatedAt,
  tz,
  isLive,
  isFetching,
  onRefresh,
}: {
  updatedAt: number
  tz: TimeZoneMode
  isLive: boolean
  isFetching: boolean
  onRefresh: () => void
}) {
  return (
    <div className="flex items-center gap-2 text-xs text-fg-muted">
      {isLive && (
        <span
          className="inline-flex items-center gap-1.5"
          title="Refreshes every 10 seconds while this tab is visible"
        >
          <span className="relative flex size-2">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-success-fg opacity-50 motion-reduce:animate-none" />
            <span className="relative inline-flex size-2 rounded-full bg-success-fg" />
          </span>
          Live
        </span>
      )}
      {updatedAt > 0 && (
        <span className="tabular-nums">Updated {formatClockTime(updatedAt, tz)}</span>
      )}
      <button
        type="button"
        onClick={onRefresh}
        aria-label="Refresh now"
        title="Refresh now"
        className="inline-flex size-7 items-center justify-center rounded-md text-fg-muted hover:bg-surface-muted hover:text-fg"
      >
        <RefreshIcon width={14} height={14} className={cn(isFetching && 'animate-spin-slow')} />
      </button>
    </div>
  )
}
