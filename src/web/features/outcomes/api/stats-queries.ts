/**
 * The outcomes feature's query factory. Keys sit under the source's root (`queryRoots.source`), so a source's refresh reaches the chart too; the answer is parsed with the shared
 * schema inside the fetcher, so a drifted body is a query error rather than a wrong bar.
 */
import { queryOptions } from '@tanstack/react-query'
import { runStatsSchema, type RunStats } from '../../../../shared/model'
import type { RunStatus } from '../../../../shared/run-status'
import { apiGet } from '../../../lib/api-client'
import { queryRoots } from '../../../lib/query-roots'
import { apiPath } from '../../../../shared/api-path'
import type { OutcomeRange } from '../outcome-range'

export type StatsFilters = {
  source: string
  workflow?: string | undefined
  status?: RunStatus[] | undefined
  range: OutcomeRange
}

export function fetchStats(
  filters: StatsFilters,
  options: { signal?: AbortSignal } = {},
): Promise<RunStats> {
  const path = apiPath(`/api/sources/${encodeURIComponent(filters.source)}/stats`, {
    workflow: filters.workflow,
    status: filters.status,
    from: filters.range.from,
    to: filters.range.to,
    bucket: filters.range.bucket,
    tz: filters.range.timeZone,
  })
  return apiGet(path, runStatsSchema, options)
}

/** The chart moves slowly: once a minute is live enough and spares the vendors' limits. */
export const statsRefreshMs = 60_000

export const statsQueries = {
  outcomes: (filters: StatsFilters) =>
    queryOptions({
      queryKey: [...queryRoots.source(filters.source), 'stats', filters] as const,
      queryFn: ({ signal }) => fetchStats(filters, { signal }),
      staleTime: statsRefreshMs,
    }),
}
