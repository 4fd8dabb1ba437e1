/**
 * One run with its steps. Keys sit under the runs feature's `['runs', source]` prefix, so
 * invalidating a source refreshes an open drawer too; the answer is parsed with the shared
 * schema inside the fetcher, so a drifted body is a query error rather than a blank panel.
 */
import { queryOptions } from '@tanstack/react-query'
import { runDetailSchema, type RunDetail } from '../../../../shared/model'
import { isProgressingStatus } from '../../../../shared/run-status'
import { apiGet, apiPath } from '../../../lib/api-client'

export type RunDetailParams = {
  source: string
  runId: string
  /** Lets the server find a Trigify run without scanning every workflow. */
  workflow?: string
}

/** How often an unfinished run is asked for again; Trigify allows 100 requests a minute. */
export const liveRefetchMs = 5_000

export function fetchRunDetail(
  params: RunDetailParams,
  options: { signal?: AbortSignal } = {},
): Promise<RunDetail> {
  const path = apiPath(
    `/api/sources/${encodeURIComponent(params.source)}/runs/${encodeURIComponent(params.runId)}`,
    { workflow: params.workflow },
  )
  return apiGet(path, runDetailSchema, options)
}

export const runDetailQueries = {
  detail: ({ source, runId, workflow }: RunDetailParams) =>
    queryOptions({
      queryKey: ['runs', source, 'detail', runId, { workflow }] as const,
      queryFn: ({ signal }) => fetchRunDetail({ source, runId, workflow }, { signal }),
      // Only a progressing run is worth asking for again: a paused one waits on a person.
      refetchInterval: (query) =>
        query.state.data !== undefined && isProgressingStatus(query.state.data.status)
          ? liveRefetchMs
          : false,
    }),
}
