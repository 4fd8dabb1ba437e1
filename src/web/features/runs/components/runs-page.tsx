/**
 * The runs page: filters, the table, paging and live refresh, all driven by the URL. The
 * route hands in the source it resolved; everything else comes from search params, so the
 * same URL always shows the same view.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import * as z from 'zod/mini'
import { allSourcesId, type Run, type RunPage, type Source } from '../../../../shared/model'
import { isActiveStatus } from '../../../../shared/run-status'
import { isApiError, isRetryableError } from '../../../lib/api-client'
import { formatCount, type TimeZoneMode } from '../../../lib/format'
import { readStored, writeStored } from '../../../lib/stored-state'
import { useNow } from '../../../lib/use-now'
import type { RunFilters } from '../api/fetch-runs'
import { runQueries } from '../api/run-queries'
import { runsListParams } from '../../../../shared/runs-view'
import { hasActiveFilters, type PageSize } from '../runs-search'
import { useRunsSearch, useSetRunsSearch } from '../use-runs-search'
import { useRunsTitle } from '../use-runs-title'
import { availableOptionalColumns, runColumnIds, runColumns, type RunColumnId } from './columns'
import { RunsPagination } from './runs-pagination'
import { RefreshErrorNotice, RunsEmptyState, RunsErrorState } from './runs-states'
import { LiveStatus, RunsCount } from './runs-summary'
import { RunsTable } from './runs-table'
import { RunsToolbar } from './runs-toolbar'
import { describeFilters, describeSource, describeTimeRange } from './describe-view'
import { ExportMenu } from './export-menu'
import { searchWords } from './highlight'
import { RunsSearchBox } from './runs-search-box'
import { TimeRangeMenu } from './time-range-menu'
import { useOpenRun } from './use-open-run'
import { usePageTurnFocus } from './use-page-turn-focus'
import { useRunsShortcuts } from './use-runs-shortcuts'
import { prefetch } from '../../../lib/prefetch'

const ShortcutsDialog = lazy(() =>
  import('./shortcuts-dialog').then((module) => ({ default: module.ShortcutsDialog })),
)

/** Answers come from the server's run index, so polling costs the vendors nothing. */
export const liveIntervalMs = 10_000
const hiddenColumnsKey = 'runboard.runs.hidden-columns'
const hiddenColumnsSchema = z.array(z.enum(runColumnIds))

/**
 * Poll while the view can change: the first page (new runs land there) or any page with runs
 * still in flight. A refused key will not fix itself; a rate limit is waited out.
 */
export function liveInterval(
  error: unknown,
  data: RunPage | undefined,
  page: number,
  intervalMs: number,
): number | false {
  if (isApiError(error) && error.code === 'UPSTREAM_RATE_LIMITED') {
    return Math.max(intervalMs, (error.retryAfterSeconds ?? 30) * 1000)
  }
  if (error && !isRetryableError(error)) return false
  if (page === 1) return intervalMs
  return data?.items.some((run) => isActiveStatus(run.status)) ? intervalMs : false
}

type Pin = { viewKey: string; runs: Run[] }

/** What the page knows about the open run; the route renders the detail (another feature). */
export type OpenRun = {
  runId: string
  /** The run's workflow when the page has seen it: Trigify finds a run by workflow. */
  workflowId: string | undefined
  onClose: () => void
}

export function RunsPage({
  sourceId,
  source,
  renderOutcomes,
  renderOpenRun,
  notice,
  filterNotes,
}: {
  sourceId: string
  source: Source | undefined
  /**
   * The outcomes chart (another feature), shown above the filters. `hasRows` turns true once
   * the table has shown an answer, so the chart's heavy code never competes with the rows.
   */
  renderOutcomes?: (state: { hasRows: boolean }) => ReactNode
  renderOpenRun: (openRun: OpenRun) => ReactNode
  /** Said above everything else: how complete and fresh the source's history is. */
  notice?: ReactNode
  /** Filters other features own (a failure group), shown as chips under the toolbar. */
  filterNotes?: ReactNode
}) {
  const search = useRunsSearch()
  const setSearch = useSetRunsSearch()
  const queryClient = useQueryClient()

  // A preset range's start moves with the clock by whole minutes (see shared/run-range.ts):
  // the filters change once a minute, and only under a preset.
  const now = useNow(30_000)
  const rangeMinute = search.range === undefined ? 0 : Math.floor(now / 60_000) * 60_000
  const filters = useMemo<RunFilters>(
    () => runsListParams({ ...search, source: sourceId }, rangeMinute),
    [search, sourceId, rangeMinute],
  )
  const viewKey = JSON.stringify(filters)

  const pollMs = liveIntervalMs
  const runs = useQuery({
    ...runQueries.list(filters),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      liveInterval(query.state.error, query.state.data, filters.page, pollMs),
    refetchIntervalInBackground: false,
  })
  const workflows = useQuery(runQueries.workflows(sourceId))

  // A page past the end answers 404; page 1 of the same view (which always exists) says
  // where the end is, so the page can offer the last one.
  const isPastEnd = filters.page > 1 && isApiError(runs.error) && runs.error.code === 'NOT_FOUND'
  const firstPage = useQuery({ ...runQueries.list({ ...filters, page: 1 }), enabled: isPastEnd })
  const lastPage = isPastEnd ? firstPage.data?.totalPages : undefined

  // Paging forward should feel instant: fetch the next page while this one is being read.
  const totalPages = runs.data?.totalPages
  const isSettled = runs.isSuccess && !runs.isPlaceholderData
  useEffect(() => {
    if (!isSettled || totalPages === undefined || filters.page >= totalPages) return
    prefetch(queryClient, runQueries.list({ ...filters, page: filters.page + 1 }))
  }, [isSettled, totalPages, filters, queryClient])

  const workflowNames = useMemo(
    () => new Map((workflows.data?.items ?? []).map((workflow) => [workflow.id, workflow.name])),
    [workflows.data],
  )

  // While the pointer or keyboard focus is in the table, new runs do not push rows down under
  // it: the rows on screen stay put (their statuses still update) and a button offers the rest.
  const [pin, setPin] = useState<Pin | null>(null)
  const isPointerInside = useRef(false)
  const latest = useMemo(() => runs.data?.items ?? [], [runs.data])
  const activePin = pin?.viewKey === viewKey ? pin : null
  const displayed = useMemo(() => {
    if (!activePin) return latest
    const byId = new Map(latest.map((run) => [run.id, run]))
    return activePin.runs.map((run) => byId.get(run.id) ?? run)
  }, [activePin, latest])
  const newRunCount = activePin
    ? latest.filter((run) => !activePin.runs.some((pinned) => pinned.id === run.id)).length
    : 0

  const pinCurrent = useCallback(() => {
    if (runs.isPlaceholderData || !runs.data) return
    setPin((current) =>
      current?.viewKey === viewKey ? current : { viewKey, runs: runs.data.items },
    )
  }, [runs.isPlaceholderData, runs.data, viewKey])

  const [hiddenColumns, setHiddenColumns] = useState<RunColumnId[]>(() =>
    readStored(hiddenColumnsKey, hiddenColumnsSchema, []),
  )
  const availableFields = useMemo(() => availableOptionalColumns(displayed), [displayed])
  const columnVisibility = Object.fromEntries(
    runColumns.map((column) => {
      const id = column.id ?? ''
      const optional = column.meta?.optionalField
      const isVisible =
        !hiddenColumns.some((hidden) => hidden === id) &&
        (optional === undefined || availableFields.has(optional))
      return [id, isVisible]
    }),
  )

  const [isHelpOpen, setIsHelpOpen] = useState(false)
  const tableBodyRef = useRef<HTMLTableSectionElement>(null)
  const searchInputRef = useRef<HTMLInputElement>(null)

  const { openWorkflowId, openRun, closeRun } = useOpenRun({
    displayed,
    runId: search.run,
    workflowFilter: search.workflow,
    viewSource: sourceId,
    setSearch,
  })
  useRunsTitle({
    sourceLabel: source?.label ?? sourceId,
    runId: search.run,
    workflowName: workflowNames.get(
      displayed.find((run) => run.id === search.run)?.workflowId ?? openWorkflowId ?? '',
    ),
  })
  const showHelp = useCallback(() => setIsHelpOpen(true), [setIsHelpOpen])

  const goToPage = useCallback((page: number) => setSearch({ page }), [setSearch])
  const turnPage = usePageTurnFocus({
    tableBodyRef,
    page: search.page,
    pageCount: runs.data?.totalPages ?? 0,
    isSettled,
    onPageChange: goToPage,
  })
  useRunsShortcuts({
    tableBodyRef,
    searchInputRef,
    onShowHelp: showHelp,
    onPastLastRow: turnPage,
    // The open run is a modal dialog with keys of its own (Escape closes it).
    isEnabled: !isHelpOpen && search.run === undefined,
  })

  const vendor = source?.vendor
  const hasFilters = hasActiveFilters(search)
  const workflowName = search.workflow
    ? (workflowNames.get(search.workflow) ?? search.workflow)
    : undefined
  const timeLabel = describeTimeRange(search, search.tz)
  const filterSummary = describeFilters(search.status, workflowName, timeLabel, search.q)
  const clearFilters = () =>
    setSearch({
      q: undefined,
      status: undefined,
      workflow: undefined,
      failure: undefined,
      range: undefined,
      from: undefined,
      to: undefined,
      page: 1,
    })
  const clearSearch = () => setSearch({ q: undefined, page: 1 })
  const data = runs.data
  const pageCount = data?.totalPages ?? 0
  const isLive = runs.isSuccess && liveInterval(runs.error, data, search.page, pollMs) !== false
  const caption = [
    `Runs of ${source?.label ?? sourceId}`,
    filterSummary ?? 'all runs',
    `page ${search.page} of ${Math.max(pageCount, 1)}`,
    `times in ${search.tz === 'utc' ? 'UTC' : 'local time'}`,
  ].join(', ')

  return (
    <div className="mx-auto flex w-full max-w-[1400px] flex-col gap-4 px-4 py-5 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight">Runs</h1>
          <p className="truncate text-fg-muted">{source ? describeSource(source) : sourceId}</p>
        </div>
        {data && (
          <LiveStatus
            updatedAt={runs.dataUpdatedAt}
            tz={search.tz}
            isLive={isLive}
            isFetching={runs.isFetching}
            onRefresh={() => void runs.refetch()}
          />
        )}
      </div>

      {notice}

      {renderOutcomes?.({ hasRows: runs.data !== undefined || runs.isError })}

      <RunsToolbar
        status={search.status ?? []}
        reportableStatuses={source?.capabilities.statuses}
        // With a status filter the counts describe the filtered set (0 for the rest): misleading
        // next to the checkboxes, so they are shown only for the unfiltered scope.
        counts={search.status ? undefined : data?.counts}
        workflow={search.workflow}
        workflows={workflows.data?.items ?? []}
        isWorkflowsLoading={workflows.isPending}
        isAllSources={sourceId === allSourcesId}
        tz={search.tz}
        hiddenColumns={hiddenColumns}
        availableFields={availableFields}
        hasFilters={hasFilters}
        searchBox={
          <RunsSearchBox
            value={search.q}
            // Typing refines the view in place: Back leaves the search, not each letter.
            onSearch={(q) => setSearch({ q, page: 1 }, { replace: true })}
            inputRef={searchInputRef}
          />
        }
        timeRange={
          <TimeRangeMenu
            value={search}
            tz={search.tz}
            onValueChange={(change) =>
              setSearch({ range: change.range, from: change.from, to: change.to, page: 1 })
            }
          />
        }
        onStatusChange={(status) =>
          setSearch({ status: status.length > 0 ? status : undefined, page: 1 })
        }
        onWorkflowChange={(workflow) => setSearch({ workflow, page: 1 })}
        onClearFilters={clearFilters}
        onTimezoneChange={(tz: TimeZoneMode) => setSearch({ tz }, { replace: true })}
        onHiddenColumnsChange={(next) => {
          setHiddenColumns(next)
          writeStored(hiddenColumnsKey, next)
        }}
        onShowShortcuts={showHelp}
      />

      {filterNotes}

      <div className="flex min-h-7 flex-wrap items-center justify-between gap-x-4 gap-y-2">
        {data ? (
          <RunsCount total={data.total} status={search.status} coverage={data.coverage} />
        ) : (
          <span className="text-fg-muted">{runs.isError ? '' : 'Loading runs…'}</span>
        )}
        <div className="ml-auto flex items-center gap-2">
          {newRunCount > 0 && (
            <button
              type="button"
              onClick={() => setPin(isPointerInside.current ? { viewKey, runs: latest } : null)}
              className="rounded-full border border-accent/40 bg-accent-soft px-3 py-0.5 text-xs font-medium text-accent-text hover:border-accent"
            >
              {formatCount(newRunCount)} new {newRunCount === 1 ? 'run' : 'runs'} · Show
            </button>
          )}
          <ExportMenu filters={filters} total={runs.isPlaceholderData ? undefined : data?.total} />
        </div>
      </div>

      {runs.isError && data && (
        <RefreshErrorNotice
          error={runs.error}
          vendor={vendor}
          isRetrying={runs.isFetching}
          onRetry={() => void runs.refetch()}
        />
      )}

      <div className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
        {isPastEnd && !data ? (
          <RunsEmptyState
            filterSummary={filterSummary}
            onClearFilters={clearFilters}
            // No last page to offer when the view has no runs at all: say that instead.
            pastEnd={
              lastPage === 0
                ? undefined
                : {
                    lastPage,
                    onGoToPage: (page) => setSearch({ page }),
                  }
            }
          />
        ) : runs.isError && !data ? (
          <RunsErrorState
            error={runs.error}
            vendor={vendor}
            isRetrying={runs.isFetching}
            onRetry={() => void runs.refetch()}
          />
        ) : data && data.items.length === 0 ? (
          <RunsEmptyState
            filterSummary={filterSummary}
            onClearFilters={clearFilters}
            search={
              search.q === undefined
                ? undefined
                : {
                    q: search.q,
                    onClear: clearSearch,
                    otherFilters: describeFilters(search.status, workflowName, timeLabel),
                  }
            }
          />
        ) : (
          <div
            className="overflow-x-auto"
            onPointerEnter={() => {
              isPointerInside.current = true
              pinCurrent()
            }}
            onPointerLeave={() => {
              isPointerInside.current = false
              if (!tableBodyRef.current?.contains(document.activeElement)) setPin(null)
            }}
            onFocus={pinCurrent}
            onBlur={(event) => {
              const next = event.relatedTarget
              if (
                !isPointerInside.current &&
                !(next instanceof Node && event.currentTarget.contains(next))
              )
                setPin(null)
            }}
          >
            <RunsTable
              runs={displayed}
              caption={caption}
              tz={search.tz}
              now={now}
              workflowNames={workflowNames}
              columnVisibility={columnVisibility}
              pageCount={pageCount}
              activeRunId={search.run}
              skeletonRows={data ? undefined : Math.min(search.pageSize, 20)}
              isStale={runs.isPlaceholderData}
              onOpenRun={openRun}
              bodyRef={tableBodyRef}
              sort={search.sort}
              // A new order starts over at its first page.
              onSortChange={(sort) => setSearch({ sort, page: 1 })}
              searchWords={searchWords(search.q)}
            />
          </div>
        )}
      </div>

      <RunsPagination
        page={search.page}
        pageCount={pageCount}
        pageSize={search.pageSize}
        total={data?.total}
        isBusy={runs.isPlaceholderData}
        onPageChange={goToPage}
        onPageSizeChange={(pageSize: PageSize) =>
          setSearch({
            pageSize,
            // Keep the first row on screen in view: the page that contains it at the new size.
            page: Math.floor(((search.page - 1) * search.pageSize) / pageSize) + 1,
          })
        }
      />

      {search.run !== undefined &&
        renderOpenRun({
          runId: search.run,
          workflowId: openWorkflowId,
          onClose: closeRun,
        })}

      {isHelpOpen && (
        <Suspense fallback={null}>
          <ShortcutsDialog onClose={() => setIsHelpOpen(false)} />
        </Suspense>
      )}
    </div>
  )
}
