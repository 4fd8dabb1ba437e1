/**
 * Builds API paths. Kept free of zod and React so the tiny entry chunk can build the very same
 * URLs as the app (see early-fetch.ts).
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

/** The runs API path for a source and filters, as both the app and the early fetch build it. */
export function runsApiPath(params: {
  source: string
  workflow?: string
  status?: readonly string[]
  from?: string
  to?: string
  page: number | string
  pageSize: number | string
}): string {
  return apiPath(`/api/sources/${encodeURIComponent(params.source)}/runs`, {
    workflow: params.workflow,
    status: params.status,
    from: params.from,
    to: params.to,
    page: params.page,
    pageSize: params.pageSize,
  })
}
