/**
 * The runs page's URL: every view state is a search parameter, validated here. Nothing in the
 * address bar can crash the page: an invalid value falls back to its default, and the route
 * rewrites the URL (replace) to the value actually shown.
 *
 * Time ranges have two spellings, never both at once:
 * - `range=1h|24h|7d|30d`, a preset that moves with the clock: runs that started since that
 *   long ago (its `from` is computed on the minute, see shared/run-range.ts; no `to`, so new
 *   runs keep arriving). A copied link means "the last hour" wherever it is opened.
 * - `from`/`to`, fixed ISO instants (a custom range, or a chart bar's bucket): runs that
 *   started in [from, to). Either end may be left open ("since", "before").
 * A preset wins: with `range` in the URL, `from`/`to` are dropped (and the URL rewritten).
 * `q` is the search box (trimmed, 1–200 characters); `sort` is `started`, `duration` or
 * `-duration`, with the default `-started` (newest first) left out.
 */
import * as z from 'zod/mini'
import { optionalIdParam, runsViewFields, withOneRange } from '../../../shared/runs-view'
import { defaultPageSize, defaultRunSort } from '../../../shared/api-params'
import { allSourcesId } from '../../../shared/model'
import type { TimeZoneMode } from '../../lib/format'
import { outcomeWindows } from '../../lib/outcome-windows'
import { stringifySearch } from '../../lib/search-serializer'

export type { PageSize } from '../../../shared/runs-view'

const optionalId = optionalIdParam

export const runsSearchSchema = z.object({
  /** source, q, workflow, status, failure, range, from/to, sort, page, pageSize: shared with
   * the server's preload. */
  ...runsViewFields,
  run: optionalId,
  /**
   * The open run's own source, on the all-sources view (a run id means something on one
   * source only): the drawer asks that source, and a copied link reopens the same run.
   */
  runSource: optionalId,
  /** The step selected in the open run's timeline. */
  step: optionalId,
  tz: z.catch(z.enum(['local', 'utc']), 'local' satisfies TimeZoneMode),
  /** The outcomes chart's window. */
  window: z.catch(z.enum(outcomeWindows), '7d'),
})

export type RunsSearch = z.infer<typeof runsSearchSchema>
/** What links and navigation may pass: everything optional, defaults filled in by parsing. */
export type RunsSearchInput = Partial<RunsSearch>
/** The search as the URL spells it: any parameter, even one with a default, may be left out. */
export type UrlSearch = { [Key in keyof RunsSearch]?: RunsSearch[Key] | undefined }

export function parseRunsSearch(raw: unknown): RunsSearch {
  return withOneRange(runsSearchSchema.parse(raw ?? {}))
}

/** Values left out of the URL because they are what an absent parameter means anyway. */
export const runsSearchDefaults = {
  page: 1,
  pageSize: defaultPageSize,
  tz: 'local',
  window: '7d',
  sort: defaultRunSort,
} as const satisfies Partial<RunsSearch>

/** Whether any time range narrows the view, preset or fixed. */
export function hasTimeRange(search: RunsSearch): boolean {
  return search.range !== undefined || search.from !== undefined || search.to !== undefined
}

export function hasActiveFilters(search: RunsSearch): boolean {
  return (
    search.q !== undefined ||
    search.workflow !== undefined ||
    (search.status?.length ?? 0) > 0 ||
    search.failure !== undefined ||
    hasTimeRange(search)
  )
}

/** The search as it appears in the URL: defaults left out, so links stay short and stable. */
export function toUrlSearch(search: RunsSearch): UrlSearch {
  return {
    ...search,
    page: search.page === runsSearchDefaults.page ? undefined : search.page,
    pageSize: search.pageSize === runsSearchDefaults.pageSize ? undefined : search.pageSize,
    tz: search.tz === runsSearchDefaults.tz ? undefined : search.tz,
    window: search.window === runsSearchDefaults.window ? undefined : search.window,
    sort: search.sort === runsSearchDefaults.sort ? undefined : search.sort,
  }
}

/** The address of a runs view: `/runs?source=demo-puq&status=failed`. */
export function runsHref(search: RunsSearch): string {
  return `/runs${stringifySearch(toUrlSearch(search))}`
}

/** Every filter off, back to the first page: what "Clear filters" asks of the URL. */
export const clearedFilters = {
  q: undefined,
  status: undefined,
  workflow: undefined,
  failure: undefined,
  range: undefined,
  from: undefined,
  to: undefined,
  page: 1,
} satisfies RunsSearchInput

/**
 * What opening a run asks of the URL, the one way both the run's id link and its row open it.
 * On all sources the URL also names the run's own source, which is where its detail is read.
 */
export function openRunSearch(
  run: { id: string; source: string },
  viewSource: string | undefined,
): RunsSearchInput {
  return {
    run: run.id,
    runSource: viewSource === allSourcesId ? run.source : undefined,
    step: undefined,
  }
}
