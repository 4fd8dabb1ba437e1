/**
 * Above the table: headline figures for the URL's filters and the outcomes chart over the
 * URL's window. The chart's code (recharts) loads after the table's rows, behind a skeleton of
 * the same height, and its numbers are also a real table for screen readers and keyboards.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import type { RunStats, Source } from '../../../../shared/model'
import { describeStatuses, statusMeta, type RunStatus } from '../../../../shared/run-status'
import { Button } from '../../../components/ui/button'
import { SegmentedControl } from '../../../components/ui/segmented-control'
import { Skeleton } from '../../../components/ui/skeleton'
import { describeError } from '../../../lib/describe-error'
import { formatCount, formatTimeRange, type TimeZoneMode } from '../../../lib/format'
import { outcomeWindows, type OutcomeWindow } from '../../../lib/outcome-windows'
import { useIsHydrated } from '../../../lib/use-hydrated'
import { useNow } from '../../../lib/use-now'
import { statsQueries, statsRefreshMs } from '../api/stats-queries'
import {
  describeCoverage,
  shownStatuses,
  statusColor,
  type BucketSelection,
} from '../outcome-figures'
import { outcomeRange, outcomeWindowLabels } from '../outcome-range'
import { OutcomeHeadline } from './outcome-headline'

const OutcomesChart = lazy(() => import('./outcomes-chart'))

const chartHeight = 'h-44'

export type OutcomesPanelProps = {
  source: Source
  workflow: string | undefined
  status: RunStatus[] | undefined
  window: OutcomeWindow
  tz: TimeZoneMode
  /** False until the table has its rows: the chart's code (recharts) loads after them. */
  canShowChart: boolean
  /** The bar the table is narrowed to, if any. */
  selected: BucketSelection | undefined
  onWindowChange: (window: OutcomeWindow) => void
  onSelectFailed: (bucket: BucketSelection) => void
}

export function OutcomesPanel(props: OutcomesPanelProps) {
  const { source, workflow, status, window, tz, selected, canShowChart } = props
  const { onWindowChange, onSelectFailed } = props
  const nowMs = useNow(statsRefreshMs)
  // The window's bounds are the reader's local days and hours: asked for once in the browser.
  const isHydrated = useIsHydrated()
  const range = outcomeRange(window, nowMs, tz)
  const stats = useQuery({
    ...statsQueries.outcomes({ source: source.id, workflow, status, range }),
    placeholderData: keepPreviousData,
    refetchInterval: statsRefreshMs,
    refetchIntervalInBackground: false,
    enabled: isHydrated,
  })
  const data = stats.data
  // Under a status filter the answer above holds only those runs; the window's own failure
  // rate comes from the unfiltered answer, the very query the panel ran before the filter.
  const isFiltered = status !== undefined && status.length > 0
  const overall = useQuery({
    ...statsQueries.outcomes({ source: source.id, workflow, status: undefined, range }),
    placeholderData: keepPreviousData,
    refetchInterval: statsRefreshMs,
    refetchIntervalInBackground: false,
    enabled: isHydrated && isFiltered,
  })

  return (
    <section
      aria-labelledby="outcomes-heading"
      className="rounded-lg border border-line bg-surface p-4 shadow-xs"
    >
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 id="outcomes-heading" className="text-sm font-semibold">
            Outcomes
          </h2>
          <p className="text-xs text-fg-muted">
            {outcomeWindowLabels[window]}
            {status && status.length > 0 ? ` · ${describeStatuses(status)} only` : ''}
            {workflow ? ' · this workflow' : ''}
          </p>
        </div>
        <SegmentedControl
          name="runboard-outcomes-window"
          legend="Chart window"
          options={outcomeWindows.map((value) => ({
            value,
            label: value,
            title: outcomeWindowLabels[value],
          }))}
          value={window}
          onValueChange={onWindowChange}
        />
      </div>

      {stats.isError && !data ? (
        <StatsError
          error={stats.error}
          source={source}
          isRetrying={stats.isFetching}
          onRetry={() => void stats.refetch()}
        />
      ) : (
        <>
          <OutcomeHeadline
            stats={data}
            status={status}
            overallFailureRate={overall.data?.totals.failureRate}
          />
          {data && <CoverageNote stats={data} tz={tz} />}
          {/* The chart hides its drawing from assistive tech; its bucket buttons stay reachable. */}
          <div className={`mt-3 ${chartHeight}`}>
            {data && canShowChart ? (
              <Suspense fallback={<Skeleton className="h-full w-full" />}>
                <OutcomesChart
                  stats={data}
                  tz={tz}
                  selected={selected}
                  onSelectFailed={onSelectFailed}
                />
              </Suspense>
            ) : (
              <Skeleton className="h-full w-full" />
            )}
          </div>
          {data && <Legend stats={data} />}
          {data && <BucketTable stats={data} tz={tz} onSelectFailed={onSelectFailed} />}
          {data?.allTime && <AllTime stats={data} />}
        </>
      )}
    </section>
  )
}

function CoverageNote({ stats, tz }: { stats: RunStats; tz: TimeZoneMode }) {
  const text = describeCoverage(stats, tz)
  if (text === undefined) return null
  return (
    <p role="note" className="mt-2 rounded-md bg-warning-bg px-2.5 py-1.5 text-xs text-warning-fg">
      {text}
    </p>
  )
}

function Legend({ stats }: { stats: RunStats }) {
  return (
    <ul aria-hidden="true" className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-fg-muted">
      {shownStatuses(stats).map((status) => (
        <li key={status} className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm" style={{ background: statusColor(status) }} />
          {statusMeta[status].label}
        </li>
      ))}
    </ul>
  )
}

/** The chart's numbers as a table, behind a disclosure: for screen readers and keyboards. */
function BucketTable({
  stats,
  tz,
  onSelectFailed,
}: {
  stats: RunStats
  tz: TimeZoneMode
  onSelectFailed: (bucket: BucketSelection) => void
}) {
  const statuses = shownStatuses(stats)
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-fg-muted hover:text-fg">
        Show the numbers as a table
      </summary>
      <div className="mt-2 max-h-64 overflow-auto rounded-md border border-line">
        <table className="w-full text-left tabular-nums">
          <caption className="sr-only">
            Runs per {stats.bucket} by outcome, times in {tz === 'utc' ? 'UTC' : 'local time'}
          </caption>
          <thead className="bg-surface-muted text-fg-muted">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                {stats.bucket === 'hour' ? 'Hour' : 'Day'}
              </th>
              {statuses.map((status) => (
                <th key={status} scope="col" className="px-2 py-1 text-right font-medium">
                  {statusMeta[status].label}
                </th>
              ))}
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {stats.buckets.map((bucket) => (
              <tr key={bucket.start} className="border-t border-line">
                <th scope="row" className="px-2 py-1 font-normal whitespace-nowrap">
                  {formatTimeRange(bucket.start, bucket.end, tz)}
                </th>
                {statuses.map((status) => (
                  <td key={status} className="px-2 py-1 text-right">
                    {status === 'failed' && (bucket.counts.failed ?? 0) > 0 ? (
                      <button
                        type="button"
                        className="text-danger-fg underline underline-offset-2 hover:no-underline"
                        aria-label={`List the ${bucket.counts.failed ?? 0} failed runs of ${formatTimeRange(bucket.start, bucket.end, tz)}`}
                        onClick={() => onSelectFailed({ from: bucket.start, to: bucket.end })}
                      >
                        {formatCount(bucket.counts.failed ?? 0)}
                      </button>
                    ) : (
                      formatCount(bucket.counts[status] ?? 0)
                    )}
                  </td>
                ))}
                <td className="px-2 py-1 text-right">{formatCount(bucket.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

/** The whole stored history under the same filters, once the source's history is read. */
function AllTime({ stats }: { stats: RunStats }) {
  const allTime = stats.allTime
  if (!allTime) return null
  const parts = [`${formatCount(allTime.total)} runs`]
  if (allTime.failed !== undefined) parts.push(`${formatCount(allTime.failed)} failed`)
  return <p className="mt-2 text-xs text-fg-muted">All time: {parts.join(' · ')}</p>
}

function StatsError({
  error,
  source,
  isRetrying,
  onRetry,
}: {
  error: unknown
  source: Source
  isRetrying: boolean
  onRetry: () => void
}) {
  const description = describeError(error, source.vendor)
  return (
    <div
      role="alert"
      className={`mt-3 flex ${chartHeight} flex-col items-center justify-center gap-2 rounded-md border border-dashed border-line-strong text-center`}
    >
      <p className="font-medium">The chart could not load: {description.title}</p>
      {description.detail && <p className="max-w-md text-xs text-fg-muted">{description.detail}</p>}
      {description.isRetryable && (
        <Button size="sm" onClick={onRetry} disabled={isRetrying}>
          {isRetrying ? 'Retrying…' : 'Retry'}
        </Button>
      )}
    </div>
  )
}
