/**
 * The runs list as the page reads it: the query and its polling policy, page 1 of the same
 * view when a page lies past the end, and the next page fetched ahead of time.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { RunPage } from '../../../../shared/model'
import { isActiveStatus } from '../../../../shared/run-status'
import { isApiError, isRetryableError } from '../../../lib/api-client'
import { prefetch } from '../../../lib/prefetch'
import type { RunFilters } from '../api/fetch-runs'
import { runQueries } from '../api/run-queries'

/** Answers come from the server's run index, so polling costs the vendors nothing. */
export const liveIntervalMs = 10_000

/**
 * Poll while the view can change: the first page (new runs land there) or any page with runs
 * still in flight. A refused key will not fix itself; a rate limit is waited out.
 */
export function liveInterval(
  error: unknown,
  data: RunPage | undefined,
  page: number,
  intervalMs: number,
): number | false {
  if (isApiError(error) && error.code === 'UPSTREAM_RATE_LIMITED') {
    return Math.max(intervalMs, (error.retryAfterSeconds ?? 30) * 1000)
  }
  if (error && !isRetryableError(error)) return false
  if (page === 1) return intervalMs
  return data?.items.some((run) => isActiveStatus(run.status)) ? intervalMs : false
}

export function useRunsQuery(filters: RunFilters) {
  const queryClient = useQueryClient()
  const pollMs = liveIntervalMs
  const runs = useQuery({
    ...runQueries.list(filters),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      liveInterval(query.state.error, query.state.data, filters.page, pollMs),
    refetchIntervalInBackground: false,
  })

  // A page past the end answers 404; page 1 of the same view (which always exists) says
  // where the end is, so the page can offer the last one.
  const isPastEnd = filters.page > 1 && isApiError(runs.error) && runs.error.code === 'NOT_FOUND'
  // On page 1 this is the table's own query, which must not read as disabled (server rendering
  // asks for what the page's queries enable).
  const firstPage = useQuery({
    ...runQueries.list({ ...filters, page: 1 }),
    enabled: isPastEnd || filters.page === 1,
  })
  const lastPage = isPastEnd ? firstPage.data?.totalPages : undefined

  // Paging forward should feel instant: fetch the next page while this one is being read.
  const totalPages = runs.data?.totalPages
  const isSettled = runs.isSuccess && !runs.isPlaceholderData
  useEffect(() => {
    if (!isSettled || totalPages === undefined || filters.page >= totalPages) return
    prefetch(queryClient, runQueries.list({ ...filters, page: filters.page + 1 }))
  }, [isSettled, totalPages, filters, queryClient])

  const isLive =
    runs.isSuccess && liveInterval(runs.error, runs.data, filters.page, pollMs) !== false
  return { runs, isPastEnd, lastPage, isSettled, isLive }
}
