/**
 * The runs area: a failed refresh, said above the rows it left on screen; then the page past
 * the end, the error, the empty view, or the table (the children) when there are rows or rows
 * are on their way.
 */
import type { ReactNode } from 'react'
import type { RunPage, Vendor } from '../../../../shared/model'
import { RefreshErrorNotice, RunsEmptyState, RunsErrorState } from './runs-states'

export function RunsResults({
  data,
  isError,
  error,
  isFetching,
  onRetry,
  vendor,
  isPastEnd,
  lastPage,
  onGoToPage,
  filterSummary,
  onClearFilters,
  search,
  children,
}: {
  data: RunPage | undefined
  isError: boolean
  error: unknown
  isFetching: boolean
  onRetry: () => void
  vendor: Vendor | undefined
  isPastEnd: boolean
  lastPage: number | undefined
  onGoToPage: (page: number) => void
  filterSummary: string | undefined
  onClearFilters: () => void
  /** The search that found nothing, offered to clear on its own. */
  search: { q: string; onClear: () => void; otherFilters: string | undefined } | undefined
  children: ReactNode
}) {
  return (
    <>
      {isError && data && (
        <RefreshErrorNotice
          error={error}
          vendor={vendor}
          isRetrying={isFetching}
          onRetry={onRetry}
        />
      )}
      <div className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
        {isPastEnd && !data ? (
          <RunsEmptyState
            filterSummary={filterSummary}
            onClearFilters={onClearFilters}
            // No last page to offer when the view has no runs at all: say that instead.
            pastEnd={lastPage === 0 ? undefined : { lastPage, onGoToPage }}
          />
        ) : isError && !data ? (
          <RunsErrorState error={error} vendor={vendor} isRetrying={isFetching} onRetry={onRetry} />
        ) : data && data.items.length === 0 ? (
          <RunsEmptyState
            filterSummary={filterSummary}
            onClearFilters={onClearFilters}
            search={search}
          />
        ) : (
          children
        )}
      </div>
    </>
  )
}
