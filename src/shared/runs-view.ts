/**
 * The runs page's address turned into the first rows it asks for. One reading, on both sides:
 * the SPA parses its URL with these fields (features/runs/runs-search.ts spreads them into the
 * page's schema) and asks the runs API for `runsListParams` of the result; the server parses
 * the same address with the same fields to preload exactly that request in index.html, so a
 * URL the page will correct (`status=bogus&page=abc`) preloads the corrected request, never a
 * 400 for the uncorrected one.
 */
import * as z from 'zod/mini'
import {
  defaultPageSize,
  defaultRunSort,
  fingerprintSchema,
  pageSizes,
  runSorts,
  searchSchema,
  type RunSort,
} from './api-params'
import { runsApiPath } from './api-path'
import { allSourcesId, idSchema } from './model'
import { presetFrom, runRangePresets } from './run-range'
import { runStatuses, type RunStatus } from './run-status'

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

export const optionalIdParam = z.catch(z.optional(idSchema), undefined)
/** A time in the URL: ISO 8601 with a zone, as a chart bar writes it. */
export const urlTimeSchema = z.iso.datetime({ offset: true })
const optionalTime = z.catch(z.optional(urlTimeSchema), undefined)

/** The parameters that decide which rows the page lists; each bad value falls back alone. */
export const runsViewFields = {
  source: optionalIdParam,
  /** The search box: a run id (or its start), or words of the error text and workflow name. */
  q: z.catch(z.optional(searchSchema), undefined),
  workflow: optionalIdParam,
  status: statusParam,
  /** One failure group's runs (the Failures view's link): its fingerprint. */
  failure: z.catch(z.optional(fingerprintSchema), undefined),
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
}

const runsViewSchema = z.object(runsViewFields)
export type RunsView = z.infer<typeof runsViewSchema>

/** A window that ends before it starts is no filter at all; a preset replaces any window. */
export function withOneRange<View extends Pick<RunsView, 'range' | 'from' | 'to'>>(
  view: View,
): View {
  const { from, to } = view
  if (
    view.range !== undefined ||
    (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to))
  ) {
    return { ...view, from: undefined, to: undefined }
  }
  return view
}

export function parseRunsView(raw: Record<string, unknown>): RunsView {
  return withOneRange(runsViewSchema.parse(raw))
}

/** The open run a runs address may carry beside its view (the page's search has them). */
type OpenRunFields = {
  run?: string | undefined
  runSource?: string | undefined
  step?: string | undefined
}

/** Another source's workflow ids and run ids mean nothing on this one: start it afresh. */
export function onSource<View extends RunsView & OpenRunFields>(
  view: View,
  source: string,
): View & { source: string } {
  return {
    ...view,
    source,
    workflow: undefined,
    failure: undefined,
    run: undefined,
    runSource: undefined,
    step: undefined,
    page: 1,
  }
}

/** The default order is left out of the request, as it is left out of the page's URL. */
function notDefault(sort: RunSort): Exclude<RunSort, '-started'> | undefined {
  return sort === '-started' ? undefined : sort
}

/**
 * The runs API request for a view on a source: what the page's table query asks for. `nowMs`
 * matters only for a preset range, whose start moves with the clock (by whole minutes).
 */
export function runsListParams(view: RunsView & { source: string }, nowMs: number) {
  const preset = view.range
  return {
    source: view.source,
    q: view.q,
    workflow: view.workflow,
    status: view.status,
    failure: view.failure,
    from: preset === undefined ? view.from : presetFrom(preset, nowMs),
    to: preset === undefined ? view.to : undefined,
    sort: notDefault(view.sort),
    page: view.page,
    pageSize: view.pageSize,
  }
}

/**
 * The source ids a runs address may name: the configured ones and, with more than one, `all`
 * (the switcher's "All sources", which the server offers then).
 */
export function acceptedSourceIds(sourceIds: readonly string[]): readonly string[] {
  return sourceIds.length > 1 ? [...sourceIds, allSourcesId] : sourceIds
}

/**
 * A view made canonical for its kind of source. On all sources there is no workflow filter (a
 * workflow id belongs to one source) and an open run needs its own source, so a run without
 * one is closed; on one source the run's source is that one, so `runSource` goes.
 */
export function withRunSource<View extends RunsView & OpenRunFields>(
  view: View,
  isAllSources: boolean,
): View {
  if (!isAllSources) {
    return view.runSource === undefined ? view : { ...view, runSource: undefined }
  }
  const isRunLost = view.run !== undefined && view.runSource === undefined
  if (view.workflow === undefined && !isRunLost) return view
  return {
    ...view,
    workflow: undefined,
    ...(isRunLost ? { run: undefined, step: undefined } : {}),
  }
}

/**
 * The view a runs address shows, once the sources are known (`knownIds`: the ids the address
 * may name, as `acceptedSourceIds` gives them, the configured sources first): the address's own
 * on a known source, made canonical; else the first configured source's. The page renders it,
 * the server preloads and renders its answers: one reading, so nothing asks for another view.
 */
export function shownRunsView<View extends RunsView & OpenRunFields>(
  view: View,
  knownIds: readonly string[],
): View {
  const first = knownIds.find((id) => id !== allSourcesId)
  if (first === undefined) return view
  const known = knownIds.find((id) => id === view.source)
  if (known !== undefined) return withRunSource(view, known === allSourcesId)
  return view.source === undefined ? { ...view, source: first } : onSource(view, first)
}

/**
 * The API requests a page at this address makes first, for the server's preload links.
 * `sourceIds` are the configured sources in the order the sources list gives them: an unknown
 * source is corrected to the first, as the page does; `all` is known as `acceptedSourceIds` says.
 */
export function firstApiPaths(
  pathname: string,
  search: string,
  sourceIds: readonly string[],
  nowMs = Date.now(),
): string[] {
  if (pathname !== '/runs' && pathname !== '/') return []
  const paths = ['/api/sources']
  if (pathname !== '/runs') return paths
  const raw: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(search)) raw[key] = value
  // Without a source the page waits for the sources list to pick one: nothing to preload.
  if (raw.source === undefined || raw.source === '') return paths
  const view = shownRunsView(parseRunsView(raw), acceptedSourceIds(sourceIds))
  const { source } = view
  if (source === undefined) return paths
  paths.push(
    runsApiPath(runsListParams({ ...view, source }, nowMs)),
    `/api/sources/${encodeURIComponent(source)}/workflows`,
  )
  return paths
}
