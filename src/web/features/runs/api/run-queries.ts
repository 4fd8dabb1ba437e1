/**
 * The runs feature's query factory: keys from general to specific (source, then kind, then
 * filters) so a source's queries can be invalidated together.
 */
import { queryOptions } from '@tanstack/react-query'
import { fetchRuns, type RunFilters } from './fetch-runs'
import { fetchWorkflows } from './fetch-workflows'
import { queryRoots } from '../../../lib/query-roots'

export const runQueries = {
  source: queryRoots.source,
  list: (filters: RunFilters) => {
    // Only the fields that change the answer, so extra properties never split the cache.
    const params: RunFilters = {
      source: filters.source,
      q: filters.q,
      workflow: filters.workflow,
      status: filters.status,
      failure: filters.failure,
      from: filters.from,
      to: filters.to,
      sort: filters.sort,
      page: filters.page,
      pageSize: filters.pageSize,
    }
    return queryOptions({
      queryKey: [...runQueries.source(params.source), 'list', params] as const,
      queryFn: ({ signal }) => fetchRuns(params, { signal }),
    })
  },
  workflows: (source: string) =>
    queryOptions({
      queryKey: [...runQueries.source(source), 'workflows'] as const,
      queryFn: ({ signal }) => fetchWorkflows(source, { signal }),
      staleTime: 5 * 60_000,
    }),
}
