/**
 * The failures feature's query factory. Keys sit under the source's root (`queryRoots.source`,
 * as the chart's do), so a source's refresh reaches the inbox too; answers are
 * parsed with the shared schemas inside the fetchers, so a drifted body is a query error.
 */
import { queryOptions } from '@tanstack/react-query'
import { failuresResponseSchema, stepsResponseSchema } from '../../../../shared/failures-model'
import { runPageSchema } from '../../../../shared/model'
import { runsApiPath, windowApiPath } from '../../../../shared/api-path'
import { apiGet } from '../../../lib/api-client'
import { queryRoots } from '../../../lib/query-roots'

export type WindowFilters = {
  source: string
  workflow?: string | undefined
  from: string
  to: string
}

/** The inbox moves slowly: once a minute is live enough. */
export const failuresRefreshMs = 60_000

export const failureQueries = {
  source: (source: string) => [...queryRoots.source(source), 'failures'] as const,
  groups: (filters: WindowFilters) => {
    const params: WindowFilters = {
      source: filters.source,
      workflow: filters.workflow,
      from: filters.from,
      to: filters.to,
    }
    return queryOptions({
      queryKey: [...failureQueries.source(params.source), 'groups', params] as const,
      queryFn: ({ signal }) =>
        apiGet(windowApiPath('failures', params), failuresResponseSchema, { signal }),
      staleTime: failuresRefreshMs,
    })
  },
  steps: (filters: WindowFilters & { workflow: string }) => {
    const params = {
      source: filters.source,
      workflow: filters.workflow,
      from: filters.from,
      to: filters.to,
    }
    return queryOptions({
      queryKey: [...failureQueries.source(params.source), 'steps', params] as const,
      queryFn: ({ signal }) =>
        apiGet(windowApiPath('steps', params), stepsResponseSchema, { signal }),
      staleTime: failuresRefreshMs,
    })
  },
  /** Every stored run of one group: the runs listing's exact `total`, one row asked for. */
  groupRunCount: ({ source, fingerprint }: { source: string; fingerprint: string }) =>
    queryOptions({
      queryKey: [...failureQueries.source(source), 'group-runs', fingerprint] as const,
      queryFn: async ({ signal }) => {
        const path = runsApiPath({ source, failure: fingerprint, page: 1, pageSize: 1 })
        const page = await apiGet(path, runPageSchema, { signal })
        return page.total
      },
      staleTime: failuresRefreshMs,
    }),
}
