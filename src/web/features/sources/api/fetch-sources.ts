/**
 * The configured sources and how far each one's sync has got. The list changes only when the
 * server restarts; the sync moves, so it is re-read every few seconds while a history is being
 * read (the progress bar) and every minute once it is live (to notice a failing sync).
 */
import { queryOptions } from '@tanstack/react-query'
import { sourcesResponseSchema, type SourcesResponse } from '../../../../shared/model'
import { apiGet } from '../../../lib/api-client'
import { queryRoots } from '../../../lib/query-roots'

export const backfillPollMs = 3_000
export const livePollMs = 60_000

export function fetchSources(options: { signal?: AbortSignal } = {}): Promise<SourcesResponse> {
  return apiGet('/api/sources', sourcesResponseSchema, options)
}

export const sourceQueries = {
  list: () =>
    queryOptions({
      queryKey: [...queryRoots.sources(), 'list'] as const,
      queryFn: ({ signal }) => fetchSources({ signal }),
      staleTime: 5_000,
      refetchInterval: (query) =>
        query.state.data?.items.some((source) => source.sync?.state === 'backfilling')
          ? backfillPollMs
          : livePollMs,
    }),
}
