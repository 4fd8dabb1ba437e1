/**
 * Words and numbers around the outcomes chart, kept pure so that the coverage sentence and
 * the headline figures are tested without rendering a chart.
 */
import type { StatsBucket } from '../../../shared/api-params'
import type { RunStats } from '../../../shared/model'
import {
  describeStatuses,
  runStatuses,
  statusMeta,
  type RunStatus,
  type StatusTone,
} from '../../../shared/run-status'
import {
  formatAbsoluteTime,
  formatCount,
  formatDuration,
  type TimeZoneMode,
} from '../../lib/format'

const toneColors: Record<StatusTone, string> = {
  success: 'var(--success-fg)',
  danger: 'var(--danger-fg)',
  info: 'var(--info-fg)',
  warning: 'var(--warning-fg)',
  neutral: 'var(--neutral-line)',
  muted: 'var(--fg-subtle)',
}

/** A status's colour in the chart, from its tone in the one vocabulary. */
export function statusColor(status: RunStatus): string {
  return toneColors[statusMeta[status].tone]
}

/** A bar's window, as the runs table takes it (`from`/`to` in the URL). */
export type BucketSelection = { from: string; to: string }

/** The statuses that occur in the window, in the vocabulary's order (succeeded first). */
export function shownStatuses(stats: RunStats): RunStatus[] {
  const order: RunStatus[] = [
    'succeeded',
    'failed',
    ...runStatuses.filter((status) => status !== 'succeeded' && status !== 'failed'),
  ]
  return order.filter((status) => (stats.totals.counts[status] ?? 0) > 0)
}

export function bucketLabel(startIso: string, bucket: StatsBucket, tz: TimeZoneMode): string {
  return new Intl.DateTimeFormat('en-GB', {
    ...(bucket === 'hour'
      ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { day: 'numeric', month: 'short' }),
    timeZone: tz === 'utc' ? 'UTC' : undefined,
  }).format(new Date(startIso))
}

export function formatRate(rate: number | null): string {
  if (rate === null) return '—'
  const percent = rate * 100
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)}%`
}

/**
 * Said beside the chart when it rests on part of the window:
 * "Based on the newest 6,400 runs, back to 5 Nov 2026, 08:06:45 CET; older bars are incomplete."
 */
export function describeCoverage(stats: RunStats, tz: TimeZoneMode): string | undefined {
  const { coverage } = stats
  if (coverage.complete) return undefined
  const runs = `${formatCount(coverage.scannedRuns)} ${coverage.scannedRuns === 1 ? 'run' : 'runs'}`
  const earlier = Date.parse(coverage.coveredFrom) > Date.parse(stats.from)
  return `Based on the newest ${runs}, back to ${formatAbsoluteTime(coverage.coveredFrom, tz)}${
    earlier ? '; bars before that are incomplete and fill in as Runboard reads further back' : ''
  }.`
}

/** One headline figure; `value` is undefined while the answer loads. */
export type HeadlineFigure = { label: string; value: string | undefined; tone?: string }

const countTones = { succeeded: 'text-success-fg', failed: 'text-danger-fg' } as const

/**
 * The headline figures. Without a status filter: the window's runs, outcomes and failure rate.
 * With one, the stats answer holds only the filtered runs: the count and durations are said to
 * be theirs, outcome counts appear only for chosen statuses (when more than one is chosen), and
 * the failure rate is the unfiltered window's (`overallFailureRate`), named as such.
 */
export function headlineFigures(
  stats: RunStats | undefined,
  status: readonly RunStatus[] | undefined,
  overallFailureRate: number | null | undefined,
): HeadlineFigure[] {
  const isFiltered = status !== undefined && status.length > 0
  // Until the window is read to its start, the count is what was read so far.
  const runsLabel = isFiltered
    ? `${describeStatuses(status)} runs`
    : stats?.coverage.complete === false
      ? 'Runs read so far'
      : 'Runs'
  const outcomes = (['succeeded', 'failed'] as const).filter(
    (outcome) => !isFiltered || (status.length > 1 && status.includes(outcome)),
  )
  const durationOf = isFiltered ? ', these runs' : ''
  return [
    { label: runsLabel, value: stats && formatCount(stats.totals.total) },
    ...outcomes.map((outcome) => ({
      label: statusMeta[outcome].label,
      value: stats && formatCount(stats.totals.counts[outcome] ?? 0),
      tone: countTones[outcome],
    })),
    isFiltered
      ? {
          label: 'Failure rate, all runs',
          value: overallFailureRate === undefined ? undefined : formatRate(overallFailureRate),
        }
      : { label: 'Failure rate', value: stats && formatRate(stats.totals.failureRate) },
    {
      label: `p50 duration${durationOf}`,
      value: stats && (stats.durations ? formatDuration(stats.durations.p50Ms) : '—'),
    },
    {
      label: `p95 duration${durationOf}`,
      value: stats && (stats.durations ? formatDuration(stats.durations.p95Ms) : '—'),
    },
  ]
}
