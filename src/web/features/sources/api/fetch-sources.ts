/**
 * The configured sources. They change only when the server restarts, so they stay fresh for
 * minutes and every view can read them from the cache.
 */
import { queryOptions } from '@tanstack/react-query'
import { sourcesResponseSchema, type SourcesResponse } from '../../../../shared/model'
import { apiGet } from '../../../lib/api-client'

export function fetchSources(options: { signal?: AbortSignal } = {}): Promise<SourcesResponse> {
  return apiGet('/api/sources', sourcesResponseSchema, options)
}

export const sourceQueries = {
  all: () => ['sources'] as const,
  list: () =>
    queryOptions({
      queryKey: [...sourceQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => fetchSources({ signal }),
      staleTime: 5 * 60_000,
    }),
}
