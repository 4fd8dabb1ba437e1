/**
 * One answer over a time window from several streams at once (Trigify's workflows, puq's
 * status filters): read them breadth-first, a page each per round, so that a spent budget
 * leaves every stream covered about as far back as the others, then say how far that is.
 */
import type { Run, RunStats } from '../../shared/model'
import type { RunStatus } from '../../shared/run-status'
import { ScanBudgetExhausted, type ScanAllowance } from '../upstream/client'
import { runTimeMs } from './buckets'
import type { WindowIndex } from './window-index'

/** What a source offers for a time window: its streams and the filter the vendor lacks. */
export type WindowSource = {
  indexes: readonly WindowIndex[]
  /** Keeps the runs the query asked for (Trigify cannot filter by status upstream). */
  matches: (run: Run) => boolean
  /** A fresh allowance for one call: how many upstream requests it may spend. */
  allowance: () => ScanAllowance
  /** The vendor's exact totals for the same filters over all time, where it has them. */
  allTime: () => RunStats['allTime']
}

export type WindowCoverage = {
  complete: boolean
  scannedRuns: number
  /** Every matching run that started in [coveredFrom, to) was read. */
  coveredFromMs: number
}

const maxRounds = 10_000

/** Reads until every stream covers `fromMs` or the allowance is spent; rethrows real errors. */
export async function scanWindow(source: WindowSource, fromMs: number): Promise<void> {
  const scan = source.allowance()
  for (const index of source.indexes) index.begin()
  let active = [...source.indexes]
  for (let round = 0; round < maxRounds && active.length > 0; round += 1) {
    const results = await Promise.allSettled(active.map((index) => index.step(fromMs, scan)))
    const next: WindowIndex[] = []
    let failure: { reason: unknown } | undefined
    for (const [position, result] of results.entries()) {
      const index = active[position]
      if (index === undefined) continue
      if (result.status === 'fulfilled') {
        if (result.value) next.push(index)
      } else if (result.reason instanceof ScanBudgetExhausted) {
        index.abandonRefresh()
      } else {
        index.abandonRefresh()
        failure ??= { reason: result.reason }
      }
    }
    if (failure !== undefined) throw failure.reason
    active = next
  }
}

export function windowCoverage(source: WindowSource, fromMs: number, toMs: number): WindowCoverage {
  let coveredFromMs = fromMs
  let complete = true
  let scannedRuns = 0
  for (const index of source.indexes) {
    scannedRuns += index.segment.length
    if (index.covers(fromMs)) continue
    complete = false
    coveredFromMs = Math.max(coveredFromMs, Math.min(index.oldestMs ?? toMs, toMs))
  }
  return { complete, scannedRuns, coveredFromMs }
}

/** The matching runs that started in [fromMs, toMs), newest first, each once. */
export function runsInWindow(source: WindowSource, fromMs: number, toMs: number): Run[] {
  const seen = new Set<string>()
  const runs: Run[] = []
  for (const index of source.indexes) {
    for (const run of index.segment) {
      const ms = runTimeMs(run)
      if (ms === undefined || ms < fromMs || ms >= toMs) continue
      if (seen.has(run.id) || !source.matches(run)) continue
      seen.add(run.id)
      runs.push(run)
    }
  }
  return runs.sort((a, b) => (runTimeMs(b) ?? 0) - (runTimeMs(a) ?? 0))
}

/** Matching runs with no time at all: read, but in no bucket. */
export function undatedRuns(source: WindowSource): number {
  let count = 0
  for (const index of source.indexes) {
    for (const run of index.segment) {
      if (runTimeMs(run) === undefined && source.matches(run)) count += 1
    }
  }
  return count
}

/** The local status filter: every run when no status is asked for. */
export function statusMatcher(status: readonly RunStatus[] | undefined): (run: Run) => boolean {
  if (status === undefined) return () => true
  const wanted = new Set(status)
  return (run) => wanted.has(run.status)
}

/**
 * The vendor's own counts summed over the streams (each from its latest page): its totals for
 * the filter over all time. Undefined until every stream has answered once.
 */
export function vendorTotals(
  indexes: readonly WindowIndex[],
): { total: number; succeeded: number; failed: number } | undefined {
  const sum = { total: 0, succeeded: 0, failed: 0 }
  for (const index of indexes) {
    if (index.vendorCounts === undefined) return undefined
    sum.total += index.vendorCounts.total
    sum.succeeded += index.vendorCounts.succeeded ?? 0
    sum.failed += index.vendorCounts.failed ?? 0
  }
  return sum
}
