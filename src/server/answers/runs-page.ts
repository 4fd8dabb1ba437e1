/**
 * A page of runs from the store, newest first, with exact totals and per-status counts, and
 * `coverage` while the backfill has not yet reached the oldest run the filter could match.
 */
import type { RunsQuery } from '../../shared/api-params'
import type { Coverage, RunPage } from '../../shared/model'
import { ApiError } from '../errors'
import type { RunFilter, RunStore } from '../store/types'
import type { SourceSync } from '../sync/source-sync'
import { resolveWindow } from './time-window'

export function filterOf(
  source: string,
  query: Pick<RunsQuery, 'workflow' | 'status' | 'from' | 'to'> & { failure?: string | undefined },
  nowMs: number,
): RunFilter {
  const hasWindow = query.from !== undefined || query.to !== undefined
  const window = hasWindow ? resolveWindow(query, nowMs) : undefined
  return {
    sources: [source],
    workflow: query.workflow,
    failure: query.failure,
    status: query.status,
    fromMs: window?.fromMs,
    toMs: window?.toMs,
  }
}

/** What a partial answer rests on, or undefined when the store holds the whole answer. */
export async function coverageOf(
  store: RunStore,
  sync: SourceSync,
  filter: RunFilter,
): Promise<Coverage | undefined> {
  const { complete, coveredFromMs } = sync.coverage(filter.workflow)
  // A window that ends after the frontier is complete even while older history is read.
  if (
    complete ||
    (filter.fromMs !== undefined && coveredFromMs !== null && filter.fromMs >= coveredFromMs)
  ) {
    return undefined
  }
  const progress = await sync.progress()
  return {
    complete: false,
    scannedRuns: progress.runsStored,
    ...(progress.vendorTotal === undefined ? {} : { totalRuns: progress.vendorTotal }),
    ...(coveredFromMs === null ? {} : { oldestScannedAt: new Date(coveredFromMs).toISOString() }),
  }
}

export async function runsPage(
  store: RunStore,
  sync: SourceSync,
  query: RunsQuery,
  nowMs: number,
): Promise<RunPage> {
  const filter = filterOf(sync.source, query, nowMs)
  const offset = (query.page - 1) * query.pageSize
  const [page, coverage] = await Promise.all([
    store.listRuns(filter, { offset, limit: query.pageSize }),
    coverageOf(store, sync, filter),
  ])
  const totalPages = Math.ceil(page.total / query.pageSize)
  if (query.page > Math.max(1, totalPages)) {
    throw new ApiError(
      'NOT_FOUND',
      `page: there is no page ${query.page}; this view has ${totalPages} page${totalPages === 1 ? '' : 's'}`,
      { source: sync.source },
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
