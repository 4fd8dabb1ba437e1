import type { QueryClient, QueryExecuteOptions, QueryKey } from '@tanstack/react-query'

/**
 * Starts a request whose answer a view will want soon, into the cache. A failure is dropped
 * here on purpose: the view's own query asks again and shows the error in place.
 */
export function prefetch<TData, TKey extends QueryKey>(
  client: QueryClient,
  options: QueryExecuteOptions<TData, Error, TData, TData, TKey>,
): void {
  client.query(options).catch(() => undefined)
}
