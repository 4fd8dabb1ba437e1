/**
 * What a runs, stats or export answer is about: one source's sync, or `all` (every configured
 * source at once). The store already reads any set of sources as one history (one table keyed
 * by source and id, the same rollups and paging plan), so a scope only says which sources,
 * how far back the store holds them whole, and how many runs are stored.
 */
import { allSourcesId } from '../../shared/model'
import { ApiError } from '../errors'
import type { SourceSync } from '../sync/source-sync'
import { whenAnswerable } from './readiness'

export type ScopeCoverage = { complete: boolean; coveredFromMs: number | null }

export type ScopeProgress = { runsStored: number; vendorTotal?: number | undefined }

export type RunScope = {
  /** The id in the URL: a source's, or `all`. */
  readonly id: string
  readonly sources: readonly string[]
  coverage(workflow?: string): ScopeCoverage
  progress(): Promise<ScopeProgress>
}

export function scopeOfSync(sync: SourceSync): RunScope {
  return {
    id: sync.source,
    sources: [sync.source],
    coverage: (workflow) => sync.coverage(workflow),
    progress: () => sync.progress(),
  }
}

/**
 * Every source as one: complete when each is; otherwise complete from the latest of the
 * incomplete sources' frontiers (older than that, at least one source is still being read),
 * and from nowhere while a source has not been read at all (its key rejected, say: with no
 * workflow list it has no streams, so its own coverage would call it complete).
 */
export function scopeOfAll(syncs: readonly SourceSync[]): RunScope {
  return {
    id: allSourcesId,
    sources: syncs.map((sync) => sync.source),
    coverage: () => {
      let complete = true
      let coveredFromMs: number | null = null
      for (const sync of syncs) {
        if (!sync.isReady()) return { complete: false, coveredFromMs: null }
        const one = sync.coverage()
        if (one.complete) continue
        complete = false
        if (one.coveredFromMs !== null) {
          coveredFromMs =
            coveredFromMs === null ? one.coveredFromMs : Math.max(coveredFromMs, one.coveredFromMs)
        }
      }
      return { complete, coveredFromMs: complete ? null : coveredFromMs }
    },
    progress: async () => {
      const each = await Promise.all(syncs.map((sync) => sync.progress()))
      const runsStored = each.reduce((sum, progress) => sum + progress.runsStored, 0)
      const totals = each.flatMap((progress) =>
        progress.vendorTotal === undefined ? [] : [progress.vendorTotal],
      )
      // The vendors' total is known only once every source knows its own.
      const known = totals.length === each.length
      return {
        runsStored,
        ...(known ? { vendorTotal: totals.reduce((sum, n) => sum + n, 0) } : {}),
      }
    },
  }
}

/**
 * Waits for every source as a single-source answer waits for its one. A source that cannot
 * answer (a rejected key, a vendor that never answered) does not hide the others' runs: the
 * answer then rests on part of the history and its coverage says so. Only when no source can
 * answer is the first one's fault the answer.
 */
export async function whenAllAnswerable(syncs: readonly SourceSync[]): Promise<void> {
  const settled = await Promise.allSettled(syncs.map((sync) => whenAnswerable(sync)))
  const faults = settled.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  )
  const [first] = faults
  if (faults.length === 0 || faults.length < settled.length) return
  throw first instanceof Error ? first : new ApiError('INTERNAL', String(first))
}
