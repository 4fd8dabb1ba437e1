/**
 * The runs page's URL: every view state is a search parameter, validated here. Nothing in the
 * address bar can crash the page: an invalid value falls back to its default, and the route
 * rewrites the URL (replace) to the value actually shown.
 */
import * as z from 'zod/mini'
import { optionalIdParam, runsViewFields, withWholeWindow } from '../../../shared/runs-view'
import { defaultPageSize } from '../../../shared/api-params'
import type { TimeZoneMode } from '../../lib/format'
import { outcomeWindows } from '../../lib/outcome-windows'
import { stringifySearch } from '../../lib/search-serializer'

export type { PageSize } from '../../../shared/runs-view'

const optionalId = optionalIdParam

export const runsSearchSchema = z.object({
  /** source, workflow, status, from/to, page, pageSize: shared with the server's preload. */
  ...runsViewFields,
  run: optionalId,
  /** The step selected in the open run's timeline. */
  step: optionalId,
  tz: z.catch(z.enum(['local', 'utc']), 'local' satisfies TimeZoneMode),
  /** The outcomes chart's window. */
  window: z.catch(z.enum(outcomeWindows), '7d'),
})

export type RunsSearch = z.infer<typeof runsSearchSchema>
/** What links and navigation may pass: everything optional, defaults filled in by parsing. */
export type RunsSearchInput = Partial<RunsSearch>

export function parseRunsSearch(raw: unknown): RunsSearch {
  return withWholeWindow(runsSearchSchema.parse(raw ?? {}))
}

/** Values left out of the URL because they are what an absent parameter means anyway. */
export const runsSearchDefaults = {
  page: 1,
  pageSize: defaultPageSize,
  tz: 'local',
  window: '7d',
} as const satisfies Partial<RunsSearch>

export function hasActiveFilters(search: RunsSearch): boolean {
  return (
    search.workflow !== undefined ||
    (search.status?.length ?? 0) > 0 ||
    search.from !== undefined ||
    search.failure !== undefined
  )
}

/** The search as it appears in the URL: defaults left out, so links stay short and stable. */
export function toUrlSearch(search: RunsSearch): RunsSearchInput {
  return {
    ...search,
    page: search.page === runsSearchDefaults.page ? undefined : search.page,
    pageSize: search.pageSize === runsSearchDefaults.pageSize ? undefined : search.pageSize,
    tz: search.tz === runsSearchDefaults.tz ? undefined : search.tz,
    window: search.window === runsSearchDefaults.window ? undefined : search.window,
  }
}

/** The address of a runs view: `/runs?source=demo-puq&status=failed`. */
export function runsHref(search: RunsSearch): string {
  return `/runs${stringifySearch(toUrlSearch(search))}`
}
