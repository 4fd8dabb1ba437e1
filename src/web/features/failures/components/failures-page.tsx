/**
 * The failure inbox: the window's failed runs grouped by cause, biggest first, so a person on
 * call reads "three things are broken" instead of 600 rows. Driven by the URL (the route hands
 * in the parsed search); links to other views (the runs table) come in as props, since the
 * features do not import each other.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { FailureGroup, FailuresResponse } from '../../../../shared/failures-model'
import type { Source } from '../../../../shared/model'
import { Button } from '../../../components/ui/button'
import { InboxIcon, XIcon } from '../../../components/ui/icons'
import { SegmentedControl } from '../../../components/ui/segmented-control'
import { describeError } from '../../../lib/describe-error'
import { formatAbsoluteTime, formatCount, plural, type TimeZoneMode } from '../../../lib/format'
import { AppLink } from '../../../lib/navigation'
import { outcomeWindows, type OutcomeWindow } from '../../../lib/outcome-windows'
import { useNow } from '../../../lib/use-now'
import { failureQueries, failuresRefreshMs } from '../api/failure-queries'
import { failuresHref, type FailuresSearch } from '../failures-search'
import { failureWindow, failureWindowLabels, type FailureWindow } from '../failure-window'
import { FailureGroupsTable } from './failure-groups-table'
import { FailuresSkeleton } from './failures-skeleton'
import { WorkflowSteps } from './workflow-steps'

export function FailuresPage({
  source,
  search,
  runsOfGroup,
  onWindowChange,
  notice,
}: {
  source: Source
  search: FailuresSearch
  /** The runs table narrowed to one group over the window shown (the route builds it). */
  runsOfGroup: (group: FailureGroup, window: FailureWindow) => string
  onWindowChange: (window: OutcomeWindow) => void
  notice?: ReactNode
}) {
  const nowMs = useNow(failuresRefreshMs)
  const window = failureWindow(search.window, nowMs)
  const filters = { source: source.id, workflow: search.workflow, ...window }
  const failures = useQuery({
    ...failureQueries.groups(filters),
    placeholderData: keepPreviousData,
    refetchInterval: failuresRefreshMs,
    refetchIntervalInBackground: false,
  })
  const data = failures.data
  const windowLabel = failureWindowLabels[search.window]
  const workflowName =
    search.workflow === undefined
      ? undefined
      : (data?.groups.find((group) => group.workflowId === search.workflow)?.workflowName ??
        search.workflow)
  const links = {
    runsOf: (group: FailureGroup) => runsOfGroup(group, window),
    workflowOf: (workflow: string) => failuresHref({ ...search, workflow }),
  }

  return (
    <div className="mx-auto flex w-full max-w-[1400px] flex-col gap-4 px-4 py-5 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight">Failures</h1>
          <p className="text-fg-muted" aria-live="polite">
            {data ? describeTotals(data, windowLabel) : `${source.label} · ${windowLabel}`}
          </p>
        </div>
        <SegmentedControl
          name="failures-window"
          legend="Window"
          options={outcomeWindows.map((value) => ({ value, label: value }))}
          value={search.window}
          onValueChange={onWindowChange}
        />
      </div>

      {notice}

      {search.workflow !== undefined && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="inline-flex items-center gap-1 rounded-full border border-line-strong bg-surface py-0.5 pr-1 pl-3">
            Workflow: <span className="font-medium">{workflowName}</span>
            <AppLink
              href={failuresHref({ ...search, workflow: undefined })}
              aria-label={`Remove the workflow filter ${workflowName ?? ''}`}
              className="rounded-full p-1 text-fg-muted hover:bg-surface-muted hover:text-fg"
            >
              <XIcon width={12} height={12} />
            </AppLink>
          </span>
        </div>
      )}

      {data && <Notes data={data} tz={search.tz} />}

      {failures.isError && data && (
        <div role="alert" className="text-sm text-danger-fg">
          Could not refresh: {describeError(failures.error, source.vendor).title}
        </div>
      )}

      <div className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
        {failures.isError && !data ? (
          <div role="alert" className="flex flex-col items-center gap-3 px-6 py-14 text-center">
            <p className="font-medium">Could not load the failures.</p>
            <p className="text-fg-muted">{describeError(failures.error, source.vendor).title}</p>
            <Button onClick={() => void failures.refetch()} disabled={failures.isFetching}>
              {failures.isFetching ? 'Retrying…' : 'Retry'}
            </Button>
          </div>
        ) : !data ? (
          <FailuresSkeleton />
        ) : data.groups.length === 0 ? (
          <div className="flex flex-col items-center gap-2 px-6 py-14 text-center">
            <InboxIcon width={28} height={28} className="text-fg-subtle" />
            <p className="font-medium">
              No failures in {windowLabel}
              {workflowName === undefined ? '' : ` for ${workflowName}`}
            </p>
            <p className="text-fg-muted">
              Every run of {source.label} in the window that ended, ended well.
            </p>
          </div>
        ) : (
          <FailureGroupsTable
            groups={data.groups}
            caption={`Failure groups of ${source.label} in ${windowLabel}, most runs first`}
            tz={search.tz}
            nowMs={nowMs}
            hasAwaitingDetail={(data.awaitingDetail ?? 0) > 0}
            links={links}
          />
        )}
      </div>

      {search.workflow !== undefined && (
        <WorkflowSteps
          filters={{ ...filters, workflow: search.workflow }}
          workflowName={workflowName ?? search.workflow}
        />
      )}
    </div>
  )
}

function describeTotals(data: FailuresResponse, windowLabel: string): string {
  const groups = data.groups.length
  return `${formatCount(data.totalFailed)} failed ${plural(data.totalFailed, 'run', 'runs')} in ${formatCount(groups)} ${plural(groups, 'group', 'groups')}, ${windowLabel}`
}

/** What the answer does not know yet, in words: unread details, history not read so far back. */
function Notes({ data, tz }: { data: FailuresResponse; tz: TimeZoneMode }) {
  const awaiting = data.awaitingDetail ?? 0
  const coverage = data.coverage
  if (awaiting === 0 && (coverage === undefined || coverage.complete)) return null
  return (
    <div role="note" className="space-y-1 text-sm text-fg-muted">
      {awaiting > 0 && (
        <p>
          {formatCount(awaiting)} failed {plural(awaiting, 'run is', 'runs are')} awaiting step
          detail: grouped as &ldquo;awaiting detail&rdquo; for now, each joins its cause&apos;s
          group once read.
        </p>
      )}
      {coverage !== undefined && !coverage.complete && (
        <p>
          History is still being read
          {coverage.oldestScannedAt === undefined
            ? ''
            : ` (back to ${formatAbsoluteTime(coverage.oldestScannedAt, tz)})`}
          : counts and first-seen dates may still grow.
        </p>
      )}
    </div>
  )
}
