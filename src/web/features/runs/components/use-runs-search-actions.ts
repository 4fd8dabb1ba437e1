/**
 * What each control on the runs page asks of the URL. A narrowed or reordered view starts over
 * at its first page; typing and the clock setting refine the view in place (replace), so Back
 * leaves the search rather than each letter.
 */
import type { RunSort } from '../../../../shared/api-params'
import type { RunStatus } from '../../../../shared/run-status'
import type { TimeZoneMode } from '../../../lib/format'
import { clearedFilters, type PageSize, type RunsSearch } from '../runs-search'
import type { SetRunsSearch } from '../use-runs-search'
import type { TimeRangeChange } from './time-range-menu'

export function useRunsSearchActions(search: RunsSearch, setSearch: SetRunsSearch) {
  return {
    clearFilters: () => setSearch(clearedFilters),
    clearSearch: () => setSearch({ q: undefined, page: 1 }),
    search: (q: string | undefined) => setSearch({ q, page: 1 }, { replace: true }),
    changeTimeRange: (change: TimeRangeChange) =>
      setSearch({ range: change.range, from: change.from, to: change.to, page: 1 }),
    changeStatus: (status: RunStatus[]) =>
      setSearch({ status: status.length > 0 ? status : undefined, page: 1 }),
    changeWorkflow: (workflow: string | undefined) => setSearch({ workflow, page: 1 }),
    changeTimezone: (tz: TimeZoneMode) => setSearch({ tz }, { replace: true }),
    changeSort: (sort: RunSort) => setSearch({ sort, page: 1 }),
    changePageSize: (pageSize: PageSize) =>
      setSearch({
        pageSize,
        // Keep the first row on screen in view: the page that contains it at the new size.
        page: Math.floor(((search.page - 1) * search.pageSize) / pageSize) + 1,
      }),
  }
}
