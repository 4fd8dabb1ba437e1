/**
 * One run with its steps. Its key sits under the source's root (`queryRoots.source`), so
 * invalidating a source refreshes an open drawer too; the answer is parsed with the shared
 * schema inside the fetcher, so a drifted body is a query error rather than a blank panel.
 */
import { queryOptions } from '@tanstack/react-query'
import { runDetailSchema, type RunDetail } from '../../../../shared/model'
import { isProgressingStatus } from '../../../../shared/run-status'
import { apiGet } from '../../../lib/api-client'
import { queryRoots } from '../../../lib/query-roots'

/**
 * A run is found by its source and id alone (the run index knows its workflow), so the id link,
 * the row and a pasted link all read one cache entry.
 */
export type RunDetailParams = { source: string; runId: string }

/** How often an unfinished run is asked for again; Trigify allows 100 requests a minute. */
export const liveRefetchMs = 5_000

export function fetchRunDetail(
  params: RunDetailParams,
  options: { signal?: AbortSignal } = {},
): Promise<RunDetail> {
  const path = `/api/sources/${encodeURIComponent(params.source)}/runs/${encodeURIComponent(params.runId)}`
  return apiGet(path, runDetailSchema, options)
}

export const runDetailQueries = {
  detail: ({ source, runId }: RunDetailParams) =>
    queryOptions({
      queryKey: [...queryRoots.source(source), 'detail', runId] as const,
      queryFn: ({ signal }) => fetchRunDetail({ source, runId }, { signal }),
      // Only a progressing run is worth asking for again: a paused one waits on a person.
      refetchInterval: (query) =>
        query.state.data !== undefined && isProgressingStatus(query.state.data.status)
          ? liveRefetchMs
          : false,
    }),
}
