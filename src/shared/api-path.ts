/**
 * Builds API paths. Kept free of zod and React so that any chunk can use it; the app and the
 * server's preload (shared/runs-view.ts) build the very same URLs with it: a preload is only
 * used when its URL matches exactly.
 */
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

/** What narrows a listing, shared by a page of runs and their export. */
export type RunFilterParams = {
  source: string
  /** A run id (or its start), or words of the error text and workflow name. */
  q?: string | undefined
  workflow?: string | undefined
  status?: readonly string[] | undefined
  /** One failure group's fingerprint (the failure inbox's link to its runs). */
  failure?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/** The filters in the API's order; the page and the export must spell them alike. */
function runFilterQuery(params: RunFilterParams): QueryParams {
  const { q, workflow, status, failure, from, to } = params
  return { q, workflow, status, failure, from, to }
}

const runsPathOf = (source: string) => `/api/sources/${encodeURIComponent(source)}/runs`

/** The runs API path for a source and filters, as both the app and the early fetch build it. */
export function runsApiPath(
  params: RunFilterParams & {
    /** Left out for the default order (`-started`), as the page's URL leaves it out. */
    sort?: string | undefined
    page: number | string
    pageSize: number | string
  },
): string {
  return apiPath(runsPathOf(params.source), {
    ...runFilterQuery(params),
    sort: params.sort,
    page: params.page,
    pageSize: params.pageSize,
  })
}

/**
 * The export of every run a listing's filters match, as a file (`format=csv|ndjson`). The
 * filters are the listing's, without page and order: the export route lists newest first.
 */
export function runsExportApiPath(params: RunFilterParams & { format: 'csv' | 'ndjson' }): string {
  return apiPath(`${runsPathOf(params.source)}/export`, {
    format: params.format,
    ...runFilterQuery(params),
  })
}

/** The failure inbox (`failures`) or steps table (`steps`) path for a source and window. */
export function windowApiPath(
  kind: 'failures' | 'steps',
  params: {
    source: string
    workflow?: string | undefined
    from?: string | undefined
    to?: string | undefined
  },
): string {
  return apiPath(`/api/sources/${encodeURIComponent(params.source)}/${kind}`, {
    workflow: params.workflow,
    from: params.from,
    to: params.to,
  })
}
