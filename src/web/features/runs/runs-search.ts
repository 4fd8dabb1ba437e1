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
import { idSchema } from '../../../shared/model'
import { runStatuses, type RunStatus } from '../../../shared/run-status'
import {
  defaultPageSize,
  defaultRunSort,
  pageSizes,
  runSorts,
  searchSchema,
} from '../../../shared/api-params'
import { runRangePresets } from '../../../shared/run-range'
import type { TimeZoneMode } from '../../lib/format'
import { outcomeWindows } from '../../lib/outcome-windows'
import { stringifySearch } from '../../lib/search-serializer'

export type PageSize = (typeof pageSizes)[number]

function isPageSize(value: number): value is PageSize {
  return pageSizes.some((size) => size === value)
}

/** Accepts `failed,running` from the URL or an array from navigation; drops unknown words. */
const statusParam = z.catch(
  z.optional(
    z.pipe(
      z.union([z.string(), z.array(z.string())]),
      z.transform((value: string | string[]): RunStatus[] | undefined => {
        const parts = (typeof value === 'string' ? value.split(',') : value).map((part) =>
          part.trim(),
        )
        const statuses = runStatuses.filter((status) => parts.includes(status))
        return statuses.length > 0 ? statuses : undefined
      }),
    ),
  ),
  undefined,
)

const optionalId = z.catch(z.optional(idSchema), undefined)
const optionalTime = z.catch(z.optional(z.iso.datetime({ offset: true })), undefined)

export const runsSearchSchema = z.object({
  source: optionalId,
  /** The search box: a run id (or its start), or words of the error text and workflow name. */
  q: z.catch(z.optional(searchSchema), undefined),
  workflow: optionalId,
  status: statusParam,
  /** A preset range that moves with the clock; wins over `from`/`to`. */
  range: z.catch(z.optional(z.enum(runRangePresets)), undefined),
  /** A fixed window on start times: a custom range or a chart bar; either end may be open. */
  from: optionalTime,
  to: optionalTime,
  sort: z.catch(z.enum(runSorts), defaultRunSort),
  page: z.catch(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(100_000))), 1),
  pageSize: z.catch(
    z.pipe(
      z.coerce.number(),
      z.transform((value: number): PageSize => (isPageSize(value) ? value : defaultPageSize)),
    ),
    defaultPageSize,
  ),
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
  const search = runsSearchSchema.parse(raw ?? {})
  // A window that ends before it starts is no filter at all; a preset replaces any window.
  const { from, to } = search
  if (
    search.range !== undefined ||
    (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to))
  ) {
    return { ...search, from: undefined, to: undefined }
  }
  return search
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
    hasTimeRange(search)
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
    sort: search.sort === runsSearchDefaults.sort ? undefined : search.sort,
  }
}

/** The address of a runs view: `/runs?source=demo-puq&status=failed`. */
export function runsHref(search: RunsSearch): string {
  return `/runs${stringifySearch(toUrlSearch(search))}`
}
