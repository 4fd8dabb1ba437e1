/**
 * The API filters of a runs view. The one place that turns the URL's view state into the runs
 * request, shared by the page and the route's prefetch, so both ask for the same URL (and the
 * early fetch and HTML preload build it from the raw query string the same way, see
 * shared/api-path.ts `firstApiPaths`).
 */
import { presetFrom } from '../../../shared/run-range'
import type { RunFilters } from './api/fetch-runs'
import type { RunsSearch } from './runs-search'

export type RunsView = Pick<
  RunsSearch,
  'q' | 'workflow' | 'status' | 'range' | 'from' | 'to' | 'sort' | 'page' | 'pageSize'
>

/** The default order is left out of the request, as it is left out of the page's URL. */
function notDefault(sort: RunsView['sort']): Exclude<RunsView['sort'], '-started'> | undefined {
  return sort === '-started' ? undefined : sort
}

/** `nowMs` matters only for a preset range, whose start moves with the clock (by minutes). */
export function runFiltersOf(view: RunsView, source: string, nowMs: number): RunFilters {
  return {
    source,
    q: view.q,
    workflow: view.workflow,
    status: view.status,
    from: view.range !== undefined ? presetFrom(view.range, nowMs) : view.from,
    to: view.range !== undefined ? undefined : view.to,
    sort: notDefault(view.sort),
    page: view.page,
    pageSize: view.pageSize,
  }
}
