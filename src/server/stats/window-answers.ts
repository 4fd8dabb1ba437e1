/**
 * The two answers built on a time window: outcome counts per bucket (the stats route) and a
 * page of the runs in a window (the runs route with `from`/`to`, behind a chart bar's click).
 */
import {
  maxStatsBuckets,
  maxWindowDays,
  type RunsQuery,
  type StatsQuery,
} from '../../shared/api-params'
import type { RunPage, RunStats } from '../../shared/model'
import { ApiError } from '../errors'
import { bucketEdges, countRuns, defaultBucket } from './buckets'
import {
  runsInWindow,
  scanWindow,
  undatedRuns,
  windowCoverage,
  type WindowSource,
} from './window-scan'

const dayMs = 86_400_000
const defaultWindowMs = 7 * dayMs

/** `from`/`to` with their defaults (the 7 days up to now), checked once the defaults apply. */
export function resolveWindow(
  query: { from?: string | undefined; to?: string | undefined },
  nowMs: number,
): { fromMs: number; toMs: number } {
  const toMs = query.to === undefined ? nowMs : Date.parse(query.to)
  const fromMs = query.from === undefined ? toMs - defaultWindowMs : Date.parse(query.from)
  if (fromMs >= toMs) throw new ApiError('BAD_REQUEST', 'from: must be before to')
  if (toMs - fromMs > maxWindowDays * dayMs) {
    throw new ApiError(
      'BAD_REQUEST',
      `from: the window from from to to must be at most ${maxWindowDays} days`,
    )
  }
  return { fromMs, toMs }
}

export async function windowStats(
  sourceId: string,
  source: WindowSource,
  query: StatsQuery,
  nowMs: number,
): Promise<RunStats> {
  const { fromMs, toMs } = resolveWindow(query, nowMs)
  const bucket = query.bucket ?? defaultBucket(fromMs, toMs)
  const edges = bucketEdges(fromMs, toMs, bucket, query.tz)
  if (edges.length - 1 > maxStatsBuckets) {
    throw new ApiError(
      'BAD_REQUEST',
      `bucket: ${bucket} buckets over this window make ${edges.length - 1} bars, more than ${maxStatsBuckets}; use day`,
    )
  }
  await scanWindow(source, fromMs)
  const coverage = windowCoverage(source, fromMs, toMs)
  const counted = countRuns(runsInWindow(source, fromMs, toMs), edges)
  const vendorTotals = source.allTime()
  return {
    source: sourceId,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    bucket,
    timeZone: query.tz,
    ...counted,
    ...(vendorTotals === undefined ? {} : { allTime: vendorTotals }),
    coverage: {
      complete: coverage.complete,
      scannedRuns: coverage.scannedRuns,
      coveredFrom: new Date(coverage.coveredFromMs).toISOString(),
      undatedRuns: undatedRuns(source),
    },
  }
}

export async function windowRunsPage(
  source: WindowSource,
  query: RunsQuery,
  nowMs: number,
): Promise<RunPage> {
  const { fromMs, toMs } = resolveWindow(query, nowMs)
  await scanWindow(source, fromMs)
  const coverage = windowCoverage(source, fromMs, toMs)
  const matches = runsInWindow(source, fromMs, toMs)
  const start = (query.page - 1) * query.pageSize
  return {
    items: matches.slice(start, start + query.pageSize),
    page: query.page,
    pageSize: query.pageSize,
    total: matches.length,
    totalPages: Math.ceil(matches.length / query.pageSize),
    ...(coverage.complete
      ? {}
      : {
          coverage: {
            complete: false,
            scannedRuns: coverage.scannedRuns,
            oldestScannedAt: new Date(coverage.coveredFromMs).toISOString(),
          },
        }),
  }
}
