/**
 * Counts of upstream calls, so tests can assert how many requests Runboard really made
 * (caching, coalescing, paging budgets) instead of trusting its own account.
 */
import type { VendorName } from './history'

export type RequestCounts = { trigify: number; puq: number; total: number }
export type RequestStatsSnapshot = { requests: RequestCounts; byPath: Record<string, number> }

export type RequestStats = {
  record(vendor: VendorName, path: string): void
  counts(): RequestCounts
  snapshot(): RequestStatsSnapshot
  reset(): void
}

export function createRequestStats(): RequestStats {
  let trigify = 0
  let puq = 0
  let byPath = new Map<string, number>()
  const counts = (): RequestCounts => ({ trigify, puq, total: trigify + puq })
  return {
    record(vendor, path) {
      if (vendor === 'trigify') trigify++
      else puq++
      byPath.set(path, (byPath.get(path) ?? 0) + 1)
    },
    counts,
    snapshot: () => ({ requests: counts(), byPath: Object.fromEntries(byPath) }),
    reset() {
      trigify = 0
      puq = 0
      byPath = new Map()
    },
  }
}
