/**
 * Pure arithmetic of the outcomes chart: bucket edges for a window in a time zone, runs
 * counted into them by start time, the totals and the duration percentiles. No I/O, so it is
 * tested on its own against hand-computed answers.
 */
import { maxStatsBuckets, type StatsBucket } from '../../shared/api-params'
import type { Run, RunStats, StatsBucketCounts, StatusCounts } from '../../shared/model'
import { runStatuses } from '../../shared/run-status'
import { ApiError } from '../errors'
import { nextZonedHourEdge, startOfNextZonedDay } from './zoned-time'

/** The instant a run is placed by: its start, or its creation while it is still queued. */
export function runTimeMs(run: Pick<Run, 'startedAt' | 'createdAt'>): number | undefined {
  const time = run.startedAt ?? run.createdAt
  return time === undefined ? undefined : Date.parse(time)
}

/** Hours for windows up to two days, days beyond. */
export function defaultBucket(fromMs: number, toMs: number): StatsBucket {
  return toMs - fromMs <= 2 * 86_400_000 ? 'hour' : 'day'
}

const hourMs = 3_600_000

/**
 * The most buckets a window can cut into. A local hour lasts an hour and a local day at least
 * 23 (a one-hour clock change), plus the partial first and last buckets; a clock change off
 * the hour (Lord Howe's half hour) adds an edge, and no zone changes its clocks more than about
 * once a month, so one more per started 30 days covers those.
 */
export function mostBuckets(fromMs: number, toMs: number, bucket: StatsBucket): number {
  const windowMs = toMs - fromMs
  const shortest = bucket === 'day' ? 23 * hourMs : hourMs
  return Math.floor(windowMs / shortest) + 2 + Math.ceil(windowMs / (30 * 24 * hourMs))
}

/**
 * Edges e0 < e1 < … < en with e0 = from and en = to; the inner edges are the zone's local
 * midnights (for days) or hour edges (see zoned-time), so the first and last buckets may be
 * partial (their span says so). The count is checked from the window's length before any edge
 * is made, and the loop fails loudly rather than spin if an edge ever failed to advance.
 */
export function bucketEdges(
  fromMs: number,
  toMs: number,
  bucket: StatsBucket,
  timeZone: string,
  maxBuckets: number = maxStatsBuckets,
): number[] {
  const most = mostBuckets(fromMs, toMs, bucket)
  if (most > maxBuckets) {
    throw new ApiError(
      'BAD_REQUEST',
      `bucket: ${bucket} buckets over this window make up to ${most} bars, more than ${maxBuckets}; use day`,
    )
  }
  const edges = [fromMs]
  let edge = fromMs
  for (;;) {
    const next =
      bucket === 'day' ? startOfNextZonedDay(edge, timeZone) : nextZonedHourEdge(edge, timeZone)
    if (!(next > edge)) {
      throw new ApiError(
        'INTERNAL',
        `The ${bucket} after ${new Date(edge).toISOString()} in ${timeZone} did not come later`,
      )
    }
    if (next >= toMs) break
    // Counts edges, so with the check above the loop ends within `most` steps.
    if (edges.length >= most) {
      throw new ApiError('INTERNAL', `More than ${most} ${bucket} buckets in ${timeZone}`)
    }
    edges.push(next)
    edge = next
  }
  edges.push(toMs)
  return edges
}

export function emptyCounts(): Required<StatusCounts> {
  const counts = {} as Required<StatusCounts>
  for (const status of runStatuses) counts[status] = 0
  return counts
}

/** The index of the bucket [edges[i], edges[i+1]) holding `ms`, or -1 outside the window. */
export function bucketIndex(edges: readonly number[], ms: number): number {
  let low = 0
  let high = edges.length - 1
  if (edges.length < 2 || ms < (edges[0] ?? 0) || ms >= (edges[high] ?? 0)) return -1
  while (high - low > 1) {
    const middle = (low + high) >> 1
    if (ms < (edges[middle] ?? 0)) high = middle
    else low = middle
  }
  return low
}

/** The value at quantile q (0..1) of sorted values, by nearest rank. */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1]
}

/** One empty bucket [edges[i], edges[i+1]) per pair of edges, every status at zero. */
export function emptyBuckets(edges: readonly number[]): StatsBucketCounts[] {
  const buckets: StatsBucketCounts[] = []
  for (let index = 0; index + 1 < edges.length; index += 1) {
    buckets.push({
      start: new Date(edges[index] ?? 0).toISOString(),
      end: new Date(edges[index + 1] ?? 0).toISOString(),
      total: 0,
      counts: emptyCounts(),
    })
  }
  return buckets
}

export type BucketedRuns = Pick<RunStats, 'buckets' | 'totals' | 'durations'>

/** Counts every run that started in [edges[0], edges[n]) into its bucket, and sums it all. */
export function countRuns(runs: Iterable<Run>, edges: readonly number[]): BucketedRuns {
  const buckets = emptyBuckets(edges)
  const totals = emptyCounts()
  const durations: number[] = []
  let total = 0
  for (const run of runs) {
    const ms = runTimeMs(run)
    if (ms === undefined) continue
    const bucket = buckets[bucketIndex(edges, ms)]
    if (bucket === undefined) continue
    bucket.total += 1
    bucket.counts[run.status] = (bucket.counts[run.status] ?? 0) + 1
    totals[run.status] += 1
    total += 1
    if (run.durationMs !== undefined && run.finishedAt !== undefined) durations.push(run.durationMs)
  }
  durations.sort((a, b) => a - b)
  const finished = totals.succeeded + totals.failed
  const p50 = quantile(durations, 0.5)
  const p95 = quantile(durations, 0.95)
  return {
    buckets,
    totals: {
      total,
      counts: totals,
      failureRate: finished === 0 ? null : totals.failed / finished,
    },
    ...(p50 === undefined || p95 === undefined
      ? {}
      : { durations: { p50Ms: p50, p95Ms: p95, sampleSize: durations.length } }),
  }
}
