/**
 * Builds API paths. Kept free of zod and React so that the SPA's tiny entry chunk and the
 * server (which preloads a deep link's first requests in index.html) build the very same URLs
 * as the app: a preload or an early fetch is only used when its URL matches exactly.
 */
import { isRunRangePreset, presetFrom } from './run-range'

export type QueryParams = Record<string, string | number | readonly string[] | undefined>

/** `/api/...?a=b` with empty values left out and lists joined by commas. */
export function apiPath(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue
    if (typeof value === 'string' || typeof value === 'number') search.set(key, String(value))
    else if (value.length > 0) search.set(key, value.join(','))
  }
  const query = search.toString().replaceAll('%2C', ',')
  return query ? `${path}?${query}` : path
}

/** The runs API path for a source and filters, as both the app and the early fetch build it. */
export function runsApiPath(params: {
  source: string
  /** A run id (or its start), or words of the error text and workflow name. */
  q?: string
  workflow?: string
  status?: readonly string[]
  /** One failure group's fingerprint (the failure inbox's link to its runs). */
  failure?: string
  from?: string
  to?: string
  /** Left out for the default order (`-started`), as the page's URL leaves it out. */
  sort?: string
  page: number | string
  pageSize: number | string
}): string {
  return apiPath(`/api/sources/${encodeURIComponent(params.source)}/runs`, {
    q: params.q,
    workflow: params.workflow,
    status: params.status,
    failure: params.failure,
    from: params.from,
    to: params.to,
    sort: params.sort,
    page: params.page,
    pageSize: params.pageSize,
  })
}

/**
 * The export of every run a listing's filters match, as a file (`format=csv|ndjson`). The
 * filters are the listing's, without page and order: the export route lists newest first.
 */
export function runsExportApiPath(params: {
  source: string
  format: 'csv' | 'ndjson'
  q?: string
  workflow?: string
  status?: readonly string[]
  failure?: string
  from?: string
  to?: string
}): string {
  return apiPath(`/api/sources/${encodeURIComponent(params.source)}/runs/export`, {
    format: params.format,
    q: params.q,
    workflow: params.workflow,
    status: params.status,
    failure: params.failure,
    from: params.from,
    to: params.to,
  })
}

/** The failure inbox (`failures`) or steps table (`steps`) path for a source and window. */
export function windowApiPath(
  kind: 'failures' | 'steps',
  params: { source: string; workflow?: string; from?: string; to?: string },
): string {
  return apiPath(`/api/sources/${encodeURIComponent(params.source)}/${kind}`, {
    workflow: params.workflow,
    from: params.from,
    to: params.to,
  })
}

/**
 * The API requests a page at this address makes first, so they can start before the app's
 * code has even loaded. Built from the raw query string: a URL the app will correct just
 * leaves an unused request behind. A preset `range` becomes a `from` on the minute of `nowMs`
 * (see run-range.ts), as the app computes it; a preset wins over `from`/`to`, as in the app.
 */
export function firstApiPaths(pathname: string, search: string, nowMs = Date.now()): string[] {
  if (pathname !== '/runs' && pathname !== '/') return []
  const paths = ['/api/sources']
  const params = new URLSearchParams(search)
  const source = params.get('source')
  if (pathname !== '/runs' || !source) return paths
  const status = params.get('status')
  const range = params.get('range')
  const preset = isRunRangePreset(range) ? range : undefined
  paths.push(
    runsApiPath({
      source,
      q: params.get('q') ?? undefined,
      workflow: params.get('workflow') ?? undefined,
      status: status ? status.split(',') : undefined,
      from: preset ? presetFrom(preset, nowMs) : (params.get('from') ?? undefined),
      to: preset ? undefined : (params.get('to') ?? undefined),
      sort: params.get('sort') ?? undefined,
      page: params.get('page') ?? 1,
      pageSize: params.get('pageSize') ?? 20,
    }),
    `/api/sources/${encodeURIComponent(source)}/workflows`,
  )
  return paths
}
