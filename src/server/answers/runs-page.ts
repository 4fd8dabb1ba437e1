/**
 * A page of runs from the store in the order asked (newest first unless told), with exact totals and per-status counts, and
 * `coverage` while the backfill has not yet reached the oldest run the filter could match.
 */
import type { RunsQuery } from '../../shared/api-params'
import type { Coverage, RunPage } from '../../shared/model'
import { ApiError } from '../errors'
import type { RunFilter, RunStore } from '../store/types'
import type { RunScope } from './scope'

/**
 * The listing's `from`/`to` as given: either end may be open and the range any length, since
 * a page reads one page of rows however wide the range ("everything before 2 a.m."). Only the
 * chart caps its window (its bars must fit one answer).
 */
export function runsWindow(query: Pick<RunsQuery, 'from' | 'to'>): {
  fromMs?: number | undefined
  toMs?: number | undefined
} {
  const fromMs = query.from === undefined ? undefined : Date.parse(query.from)
  const toMs = query.to === undefined ? undefined : Date.parse(query.to)
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
    throw new ApiError('BAD_REQUEST', 'from: must be before to')
  }
  return { fromMs, toMs }
}

export function filterOf(
  sources: readonly string[],
  query: Pick<RunsQuery, 'q' | 'workflow' | 'status' | 'from' | 'to'> & {
    failure?: string | undefined
  },
): RunFilter {
  const { fromMs, toMs } = runsWindow(query)
  const { q, workflow, failure, status } = query
  return { sources, q, workflow, failure, status, fromMs, toMs }
}

/** What a partial answer rests on, or undefined when the store holds the whole answer. */
export async function coverageOf(
  scope: Pick<RunScope, 'coverage' | 'progress'>,
  filter: RunFilter,
): Promise<Coverage | undefined> {
  const { complete, coveredFromMs } = scope.coverage(filter.workflow)
  // A window that ends after the frontier is complete even while older history is read.
  if (
    complete ||
    (filter.fromMs !== undefined && coveredFromMs !== null && filter.fromMs >= coveredFromMs)
  ) {
    return undefined
  }
  const progress = await scope.progress()
  return {
    complete: false,
    scannedRuns: progress.runsStored,
    ...(progress.vendorTotal === undefined ? {} : { totalRuns: progress.vendorTotal }),
    ...(coveredFromMs === null ? {} : { oldestScannedAt: new Date(coveredFromMs).toISOString() }),
  }
}

export async function runsPage(
  store: RunStore,
  scope: RunScope,
  query: RunsQuery,
): Promise<RunPage> {
  const filter = filterOf(scope.sources, query)
  const offset = (query.page - 1) * query.pageSize
  const [page, coverage] = await Promise.all([
    store.listRuns(filter, { offset, limit: query.pageSize, sort: query.sort }),
    coverageOf(scope, filter),
  ])
  const totalPages = Math.ceil(page.total / query.pageSize)
  if (query.page > Math.max(1, totalPages)) {
    throw new ApiError(
      'NOT_FOUND',
      `page: there is no page ${query.page}; this view has ${totalPages} page${totalPages === 1 ? '' : 's'}`,
      { source: scope.id },
    )
  }
  return {
    items: page.items,
    page: query.page,
    pageSize: query.pageSize,
    total: page.total,
    totalPages,
    counts: page.counts,
    ...(coverage === undefined ? {} : { coverage }),
  }
}
