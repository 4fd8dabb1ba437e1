/**
 * A workflow's steps over the window, worst first (the API's order): how often each failed,
 * how many runs needed a retry, and how long its last attempt took. Trigify lists no steps,
 * so there the figures are what its errors reveal, and the table says so instead of showing
 * zeros that would read as "never retried".
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { StepStat } from '../../../../shared/failures-model'
import { Button } from '../../../components/ui/button'
import { Skeleton } from '../../../components/ui/skeleton'
import { cn } from '../../../lib/cn'
import { describeError } from '../../../lib/describe-error'
import { formatCount, formatDuration } from '../../../lib/format'
import { failureQueries, failuresRefreshMs, type WindowFilters } from '../api/failure-queries'

const headCell = 'px-3 py-2 text-xs font-medium text-fg-muted whitespace-nowrap'
const numberCell = 'px-3 py-2 text-right tabular-nums whitespace-nowrap'

export function WorkflowSteps({
  filters,
  workflowName,
}: {
  filters: WindowFilters & { workflow: string }
  workflowName: string
}) {
  const steps = useQuery({
    ...failureQueries.steps(filters),
    placeholderData: keepPreviousData,
    refetchInterval: failuresRefreshMs,
    refetchIntervalInBackground: false,
  })
  const data = steps.data
  return (
    <section
      aria-labelledby="workflow-steps-heading"
      className="rounded-lg border border-line bg-surface shadow-xs"
    >
      <div className="border-b border-line px-4 py-3">
        <h2 id="workflow-steps-heading" className="text-sm font-semibold">
          Steps of {workflowName}
        </h2>
        {data?.basis === 'errors-only' ? (
          <p className="mt-0.5 text-xs text-fg-muted" role="note">
            This source lists no steps: these figures come from what its errors reveal (the step
            each of {formatCount(data.runsRead)} failed runs names), so runs, retries and durations
            per step are unknown.
          </p>
        ) : data ? (
          <p className="mt-0.5 text-xs text-fg-muted">
            From the step detail of {formatCount(data.runsRead)} runs, worst first.
          </p>
        ) : null}
      </div>
      {steps.isError && !data ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 px-4 py-4 text-sm">
          <span>Could not load the steps: {describeError(steps.error).title}</span>
          <Button size="sm" onClick={() => void steps.refetch()} disabled={steps.isFetching}>
            {steps.isFetching ? 'Retrying…' : 'Retry'}
          </Button>
        </div>
      ) : !data ? (
        <div className="space-y-2 px-4 py-4" aria-busy="true" aria-label="Loading steps">
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : data.steps.length === 0 ? (
        <p className="px-4 py-4 text-sm text-fg-muted">No step figures in this window.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Steps of {workflowName}, worst first</caption>
            <thead className="bg-surface-muted">
              <tr>
                <th scope="col" className={cn(headCell, 'text-left')}>
                  Step
                </th>
                <th scope="col" className={cn(headCell, 'text-right')}>
                  Runs
                </th>
                <th scope="col" className={cn(headCell, 'text-right')}>
                  Failures
                </th>
                <th scope="col" className={cn(headCell, 'text-right')}>
                  Failure rate
                </th>
                <th scope="col" className={cn(headCell, 'text-right')}>
                  Retried
                </th>
                <th scope="col" className={cn(headCell, 'text-right')}>
                  p50
                </th>
                <th scope="col" className={cn(headCell, 'text-right')}>
                  p95
                </th>
              </tr>
            </thead>
            <tbody>
              {data.steps.map((step) => (
                <StepRow key={step.step} step={step} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

const unknown = <span className="text-fg-subtle">—</span>

function StepRow({ step }: { step: StepStat }) {
  return (
    <tr className="border-t border-line">
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {step.step}
      </th>
      <td className={numberCell}>{step.runs === null ? unknown : formatCount(step.runs)}</td>
      <td className={cn(numberCell, step.failures > 0 && 'font-medium text-danger-fg')}>
        {formatCount(step.failures)}
      </td>
      <td className={numberCell}>
        {step.failureRate === null ? unknown : formatRate(step.failureRate)}
      </td>
      <td className={numberCell}>{step.retried === null ? unknown : formatCount(step.retried)}</td>
      <td className={numberCell}>{step.p50Ms === null ? unknown : formatDuration(step.p50Ms)}</td>
      <td className={numberCell}>{step.p95Ms === null ? unknown : formatDuration(step.p95Ms)}</td>
    </tr>
  )
}

function formatRate(rate: number): string {
  if (rate === 0) return '0%'
  if (rate < 0.001) return '<0.1%'
  return `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)}%`
}
