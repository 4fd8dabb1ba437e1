/**
 * Outcome counts per hour or day from the store. The store counts runs per 15-minute slot (a
 * zone's hours and midnights all fall on such slots) and this folds the slots into the
 * zone's buckets, so any time zone costs one grouped query, not one per bucket.
 */
import type { StatsQuery } from '../../shared/api-params'
import type { RunStats } from '../../shared/model'
import {
  bucketEdges,
  bucketIndex,
  defaultBucket,
  emptyBuckets,
  emptyCounts,
} from '../stats/buckets'
import type { RunStore } from '../store/types'
import type { RunScope } from './scope'
import { resolveWindow } from './time-window'

export const slotMs = 15 * 60_000

export async function statsAnswer(
  store: RunStore,
  scope: RunScope,
  query: StatsQuery,
  nowMs: number,
): Promise<RunStats> {
  const { fromMs, toMs } = resolveWindow(query, nowMs)
  const bucket = query.bucket ?? defaultBucket(fromMs, toMs)
  // Refuses, before building anything, a window with more bars than a chart can hold.
  const edges = bucketEdges(fromMs, toMs, bucket, query.tz)
  const allTimeFilter = { sources: scope.sources, workflow: query.workflow, status: query.status }
  const filter = { ...allTimeFilter, fromMs, toMs }
  const { complete, coveredFromMs } = scope.coverage(query.workflow)
  const [slots, durations, undated, allTime, progress] = await Promise.all([
    store.slotCounts(filter, slotMs),
    store.durations(filter),
    store.countUndated(allTimeFilter),
    complete ? store.listRuns(allTimeFilter, { offset: 0, limit: 0 }) : undefined,
    scope.progress(),
  ])

  const buckets = emptyBuckets(edges)
  const totals = emptyCounts()
  let total = 0
  for (const slot of slots) {
    const target = buckets[bucketIndex(edges, Math.max(slot.slotStartMs, fromMs))]
    if (target === undefined) continue
    target.total += slot.count
    target.counts[slot.status] = (target.counts[slot.status] ?? 0) + slot.count
    totals[slot.status] += slot.count
    total += slot.count
  }
  const finished = totals.succeeded + totals.failed
  const windowComplete = complete || (coveredFromMs !== null && coveredFromMs <= fromMs)
  return {
    source: scope.id,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    bucket,
    timeZone: query.tz,
    buckets,
    totals: {
      total,
      counts: totals,
      failureRate: finished === 0 ? null : totals.failed / finished,
    },
    ...(durations === undefined ? {} : { durations }),
    ...(allTime === undefined
      ? {}
      : {
          allTime: {
            total: allTime.total,
            succeeded: allTime.counts.succeeded ?? 0,
            failed: allTime.counts.failed ?? 0,
          },
        }),
    coverage: {
      complete: windowComplete,
      scannedRuns: progress.runsStored,
      coveredFrom: new Date(
        windowComplete ? fromMs : Math.min(toMs, Math.max(fromMs, coveredFromMs ?? toMs)),
      ).toISOString(),
      undatedRuns: undated,
    },
  }
}
