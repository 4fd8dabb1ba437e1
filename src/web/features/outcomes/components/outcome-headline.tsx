/**
 * The headline figures above the chart. Under a status filter the stats answer counts only the
 * filtered runs, so "Succeeded 0 · Failure rate 100%" would be true of them and false of the
 * window: the figures then say whose they are, and the failure rate is the unfiltered window's.
 */
import type { RunStats } from '../../../../shared/model'
import type { RunStatus } from '../../../../shared/run-status'
import { Skeleton } from '../../../components/ui/skeleton'
import { headlineFigures } from '../outcome-figures'

export function OutcomeHeadline({
  stats,
  status,
  overallFailureRate,
}: {
  stats: RunStats | undefined
  status: readonly RunStatus[] | undefined
  /** The window's failure rate without the status filter; undefined while it loads. */
  overallFailureRate: number | null | undefined
}) {
  const figures = headlineFigures(stats, status, overallFailureRate)
  return (
    <dl
      aria-label="Outcome figures"
      className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 min-[480px]:grid-cols-3 sm:grid-cols-6"
    >
      {figures.map((figure) => (
        <div key={figure.label} className="min-w-0">
          <dt className="truncate text-xs text-fg-muted" title={figure.label}>
            {figure.label}
          </dt>
          <dd
            className={`text-lg font-semibold whitespace-nowrap tabular-nums ${figure.tone ?? 'text-fg'}`}
          >
            {figure.value ?? <Skeleton className="mt-1 h-5 w-14" />}
          </dd>
        </div>
      ))}
    </dl>
  )
}
