/**
 * What the runs area shows when there are no rows to show: an error in the vendor's and the
 * user's terms with a way to retry when retrying can help, or an empty result that names the
 * filters and clears them.
 */
import type { Vendor } from '../../../../shared/model'
import { Button } from '../../../components/ui/button'
import { AlertTriangleIcon, InboxIcon, RefreshIcon } from '../../../components/ui/icons'
import { describeError } from '../../../lib/describe-error'
import { cn } from '../../../lib/cn'

export function RunsErrorState({
  error,
  vendor,
  isRetrying,
  onRetry,
}: {
  error: unknown
  vendor: Vendor | undefined
  isRetrying: boolean
  onRetry: () => void
}) {
  const description = describeError(error, vendor)
  return (
    <div role="alert" className="flex flex-col items-center gap-3 px-6 py-14 text-center">
      <span className="flex size-10 items-center justify-center rounded-full border border-danger-line bg-danger-bg text-danger-fg">
        <AlertTriangleIcon width={18} height={18} />
      </span>
      <div className="max-w-md space-y-1">
        <p className="font-medium text-fg">{description.title}</p>
        {description.detail && <p className="text-fg-muted">{description.detail}</p>}
      </div>
      {description.isRetryable && (
        <Button onClick={onRetry} disabled={isRetrying}>
          <RefreshIcon width={14} height={14} className={cn(isRetrying && 'animate-spin-slow')} />
          {isRetrying ? 'Retrying…' : 'Retry'}
        </Button>
      )}
    </div>
  )
}

export function RunsEmptyState({
  filterSummary,
  onClearFilters,
  pastEnd,
  search,
}: {
  /** "Status: Failed · Workflow: Nightly sync", or undefined when nothing is filtered. */
  filterSummary: string | undefined
  onClearFilters: () => void
  /**
   * Set when the page number is beyond the last page (the server answered 404); `lastPage`
   * is undefined while page 1 is asked where the end is.
   */
  pastEnd?: { lastPage: number | undefined; onGoToPage: (page: number) => void } | undefined
  /** The applied search, when the view has one: the empty state names it and clears it. */
  search?: { q: string; onClear: () => void; otherFilters: string | undefined } | undefined
}) {
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-14 text-center">
      <span className="flex size-10 items-center justify-center rounded-full border border-line bg-surface-muted text-fg-muted">
        <InboxIcon width={18} height={18} />
      </span>
      {pastEnd ? (
        <>
          <div className="max-w-md space-y-1">
            <p className="font-medium text-fg">This page is past the end of the results.</p>
            <p className="text-fg-muted">
              {pastEnd.lastPage === undefined
                ? 'Finding the last page…'
                : `The last page is ${pastEnd.lastPage}.`}
            </p>
          </div>
          {pastEnd.lastPage !== undefined && (
            <GoToPage page={pastEnd.lastPage} onGoToPage={pastEnd.onGoToPage} />
          )}
        </>
      ) : search ? (
        <>
          <div className="max-w-md space-y-1">
            <p className="font-medium break-words text-fg">No runs match ‘{search.q}’.</p>
            <p className="text-fg-muted">
              {search.otherFilters
                ? `Also filtered by ${search.otherFilters}`
                : 'Search finds a run by its id (or its start), or by words of its error and workflow name.'}
            </p>
          </div>
          <div className="flex flex-wrap justify-center gap-2">
            <Button onClick={search.onClear}>Clear search</Button>
            {search.otherFilters && (
              <Button variant="ghost" onClick={onClearFilters}>
                Clear all filters
              </Button>
            )}
          </div>
        </>
      ) : filterSummary ? (
        <>
          <div className="max-w-md space-y-1">
            <p className="font-medium text-fg">No runs match these filters.</p>
            <p className="text-fg-muted">{filterSummary}</p>
          </div>
          <Button onClick={onClearFilters}>Clear filters</Button>
        </>
      ) : (
        <div className="max-w-md space-y-1">
          <p className="font-medium text-fg">No runs yet.</p>
          <p className="text-fg-muted">Runs of this source’s workflows will appear here.</p>
        </div>
      )}
    </div>
  )
}

function GoToPage({ page, onGoToPage }: { page: number; onGoToPage: (page: number) => void }) {
  return <Button onClick={() => onGoToPage(page)}>Go to page {page}</Button>
}

/** A refresh failed but older data is still on screen: say so quietly, keep the rows. */
export function RefreshErrorNotice({
  error,
  vendor,
  isRetrying,
  onRetry,
}: {
  error: unknown
  vendor: Vendor | undefined
  isRetrying: boolean
  onRetry: () => void
}) {
  const description = describeError(error, vendor)
  return (
    <p
      role="status"
      className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border border-warning-line bg-warning-bg px-3 py-1.5 text-warning-fg"
    >
      <AlertTriangleIcon width={14} height={14} className="shrink-0" />
      <span>Couldn’t refresh: {description.title} Showing the last loaded runs.</span>
      {description.isRetryable ? (
        <button
          type="button"
          onClick={onRetry}
          disabled={isRetrying}
          className="rounded font-medium underline underline-offset-2 disabled:opacity-60"
        >
          {isRetrying ? 'Retrying…' : 'Retry'}
        </button>
      ) : (
        description.detail && <span>{description.detail}</span>
      )}
    </p>
  )
}
