/**
 * One run with its steps. Keys sit under the runs feature's `['runs', source]` prefix, so
 * invalidating a source refreshes an open drawer too; the answer is parsed with the shared
 * schema inside the fetcher, so a drifted body is a query error rather than a blank panel.
 */
import { queryOptions } from '@tanstack/react-query'
import { runDetailSchema, type RunDetail } from '../../../../shared/model'
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

/** Only these can still change in a way worth polling for; a paused run waits on a person. */
export function isLiveRun(run: Pick<RunDetail, 'status'> | undefined): boolean {
  return run?.status === 'running' || run?.status === 'pending'
}

export const runDetailQueries = {
  detail: ({ source, runId, workflow }: RunDetailParams) =>
    queryOptions({
      queryKey: ['runs', source, 'detail', runId, { workflow }] as const,
      queryFn: ({ signal }) => fetchRunDetail({ source, runId, workflow }, { signal }),
      refetchInterval: (query) => (isLiveRun(query.state.data) ? liveRefetchMs : false),
    }),
}
