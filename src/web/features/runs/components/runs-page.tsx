/**
 * The runs page: filters, the table, paging and live refresh, all driven by the URL. The
 * route hands in the source it resolved; everything else comes from search params, so the
 * same URL always shows the same view.
 */
import { useCallback, type ReactNode } from 'react'
import { allSourcesId, type Source } from '../../../../shared/model'
import { hasActiveFilters, type RunsSearch } from '../runs-search'
import { useSetRunsSearch } from '../use-runs-search'
import { useRunsTitle } from '../use-runs-title'
import { RunsPagination } from './runs-pagination'
import { LiveStatus } from './runs-summary'
import { RunsTable } from './runs-table'
import { RunsToolbar } from './runs-toolbar'
import { describeRunsView, describeSource } from './describe-view'
import { LazyShortcutsDialog } from './lazy-shortcuts-dialog'
import { RunsCountBar } from './runs-count-bar'
import { useRunsSearchActions } from './use-runs-search-actions'
import { useRunsFilters } from './use-runs-filters'
import { useWorkflowNames } from './use-workflow-names'
import { searchWords } from './highlight'
import { RunsResults } from './runs-results'
import { RunsSearchBox } from './runs-search-box'
import { TimeRangeMenu } from './time-range-menu'
import { useColumnVisibility } from './use-column-visibility'
import { useOpenRun } from './use-open-run'
import { usePinnedRows } from './use-pinned-rows'
import { useRunsKeyboard } from './use-runs-keyboard'
import { useRunsQuery } from './use-runs-query'

/** What the page knows about the open run; the route renders the detail (another feature). */
export type OpenRun = {
  runId: string
  onClose: () => void
}

export function RunsPage({
  sourceId,
  source,
  renderOutcomes,
  renderOpenRun,
  notice,
  filterNotes,
  sourceLabels,
  search,
}: {
  /**
   * The view shown: the URL's, corrected. Not read from the URL here, which still holds what
   * was written until the route has rewritten it, so the first render would ask for that.
   */
  search: RunsSearch
  sourceId: string
  /** Every source's label by id: the all-sources view names where each run is from. */
  sourceLabels?: ReadonlyMap<string, string>
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
  const setSearch = useSetRunsSearch()

  const { now, filters, viewKey } = useRunsFilters(search, sourceId)

  const { runs, isPastEnd, lastPage, isSettled, isLive } = useRunsQuery(filters)
  const { workflows, workflowNames } = useWorkflowNames(sourceId)

  const goToPage = useCallback((page: number) => setSearch({ page }), [setSearch])
  const { tableBodyRef, searchInputRef, isHelpOpen, showHelp, closeHelp } = useRunsKeyboard({
    page: search.page,
    pageCount: runs.data?.totalPages ?? 0,
    isSettled,
    isRunOpen: search.run !== undefined,
    onPageChange: goToPage,
  })
  const { displayed, newRunCount, showNewRuns, pinningHandlers } = usePinnedRows({
    viewKey,
    latestPage: runs.data?.items,
    isPlaceholderData: runs.isPlaceholderData,
    tableBodyRef,
  })
  const { hiddenColumns, setHiddenColumns, availableFields, columnVisibility } =
    useColumnVisibility(displayed)

  const { openRun, closeRun } = useOpenRun({
    displayed,
    runId: search.run,
    viewSource: sourceId,
    setSearch,
  })
  useRunsTitle({
    sourceLabel: source?.label ?? sourceId,
    runId: search.run,
    workflowName: workflowNames.get(
      displayed.find((run) => run.id === search.run)?.workflowId ?? '',
    ),
  })

  const vendor = source?.vendor
  const hasFilters = hasActiveFilters(search)
  const actions = useRunsSearchActions(search, setSearch)
  const data = runs.data
  const pageCount = data?.totalPages ?? 0
  const { filterSummary, otherFilters, caption } = describeRunsView(search, {
    sourceLabel: source?.label ?? sourceId,
    workflowNames,
    pageCount,
  })

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
          <RunsSearchBox value={search.q} onSearch={actions.search} inputRef={searchInputRef} />
        }
        timeRange={
          <TimeRangeMenu value={search} tz={search.tz} onValueChange={actions.changeTimeRange} />
        }
        onStatusChange={actions.changeStatus}
        onWorkflowChange={actions.changeWorkflow}
        onClearFilters={actions.clearFilters}
        onTimezoneChange={actions.changeTimezone}
        onHiddenColumnsChange={setHiddenColumns}
        onShowShortcuts={showHelp}
      />

      {filterNotes}

      <RunsCountBar
        data={data}
        isError={runs.isError}
        isPlaceholderData={runs.isPlaceholderData}
        status={search.status}
        filters={filters}
        newRunCount={newRunCount}
        onShowNewRuns={showNewRuns}
      />

      <RunsResults
        data={data}
        isError={runs.isError}
        error={runs.error}
        isFetching={runs.isFetching}
        onRetry={() => void runs.refetch()}
        vendor={vendor}
        isPastEnd={isPastEnd}
        lastPage={lastPage}
        onGoToPage={(page) => setSearch({ page })}
        filterSummary={filterSummary}
        onClearFilters={actions.clearFilters}
        search={
          search.q === undefined
            ? undefined
            : {
                q: search.q,
                onClear: actions.clearSearch,
                otherFilters,
              }
        }
      >
        <div className="overflow-x-auto" {...pinningHandlers}>
          <RunsTable
            runs={displayed}
            caption={caption}
            tz={search.tz}
            now={now}
            workflowNames={workflowNames}
            sourceLabels={sourceLabels}
            columnVisibility={columnVisibility}
            pageCount={pageCount}
            activeRunId={search.run}
            skeletonRows={data ? undefined : Math.min(search.pageSize, 20)}
            isStale={runs.isPlaceholderData}
            onOpenRun={openRun}
            bodyRef={tableBodyRef}
            sort={search.sort}
            onSortChange={actions.changeSort}
            searchWords={searchWords(search.q)}
          />
        </div>
      </RunsResults>

      <RunsPagination
        page={search.page}
        pageCount={pageCount}
        pageSize={search.pageSize}
        total={data?.total}
        isBusy={runs.isPlaceholderData}
        onPageChange={goToPage}
        onPageSizeChange={actions.changePageSize}
      />

      {search.run !== undefined &&
        renderOpenRun({
          runId: search.run,
          onClose: closeRun,
        })}

      {isHelpOpen && <LazyShortcutsDialog onClose={closeHelp} />}
    </div>
  )
}
