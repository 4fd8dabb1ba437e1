/** First, previous, next and last page; where you are; how many runs; how many per page. */
import { pageSizes } from '../../../../shared/api-params'
import { Button } from '../../../components/ui/button'
import {
  ChevronLeftIcon,
  ChevronRightIcon,
  ChevronsLeftIcon,
  ChevronsRightIcon,
} from '../../../components/ui/icons'
import { Select } from '../../../components/ui/select'
import { formatCount, plural } from '../../../lib/format'
import type { PageSize } from '../runs-search'

export function RunsPagination({
  page,
  pageCount,
  pageSize,
  total,
  isBusy,
  onPageChange,
  onPageSizeChange,
}: {
  page: number
  pageCount: number
  pageSize: PageSize
  total: number | undefined
  isBusy: boolean
  onPageChange: (page: number) => void
  onPageSizeChange: (pageSize: PageSize) => void
}) {
  const lastPage = Math.max(pageCount, 1)
  const canGoBack = page > 1
  const canGoForward = page < lastPage

  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 text-sm"
    >
      <div className="flex items-center gap-2 text-fg-muted">
        <label htmlFor="runs-page-size">Rows per page</label>
        <Select
          id="runs-page-size"
          value={pageSize}
          onChange={(event) => {
            const next = pageSizes.find((size) => String(size) === event.target.value)
            if (next) onPageSizeChange(next)
          }}
          className="w-20"
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex items-center gap-3">
        <p className="text-fg-muted tabular-nums" aria-live="polite">
          <span className="text-fg">
            Page {formatCount(page)} of {formatCount(lastPage)}
          </span>
          {total !== undefined && (
            <span className="hidden sm:inline">
              {' '}
              · {formatCount(total)} {plural(total, 'run', 'runs')}
            </span>
          )}
        </p>
        <div className="flex items-center gap-1" aria-busy={isBusy}>
          <Button
            size="icon"
            aria-label="First page"
            disabled={!canGoBack}
            onClick={() => onPageChange(1)}
          >
            <ChevronsLeftIcon />
          </Button>
          <Button
            size="icon"
            aria-label="Previous page"
            disabled={!canGoBack}
            onClick={() => onPageChange(Math.min(page - 1, lastPage))}
          >
            <ChevronLeftIcon />
          </Button>
          <Button
            size="icon"
            aria-label="Next page"
            disabled={!canGoForward}
            onClick={() => onPageChange(page + 1)}
          >
            <ChevronRightIcon />
          </Button>
          <Button
            size="icon"
            aria-label="Last page"
            disabled={!canGoForward}
            onClick={() => onPageChange(lastPage)}
          >
            <ChevronsRightIcon />
          </Button>
        </div>
      </div>
    </nav>
  )
}
