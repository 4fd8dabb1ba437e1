/**
 * A source's sync as people read it (`GET /api/sources`): backfilling, live or failing, how
 * many runs are stored of how many the vendor has, how far back, how fresh, and (while the
 * backfill runs) about how long is left, from the pace of the last minutes.
 */
import type { SourceSync as SourceSyncInfo } from '../../shared/model'
import type { ApiError } from '../errors'
import type { PersistedState } from './persisted-state'
import type { StreamCursor } from './stream-cursor'

export type SyncProgress = SourceSyncInfo

const iso = (ms: number) => new Date(ms).toISOString()

export function syncProgress(input: {
  cursors: readonly StreamCursor[]
  /** The workflows were read and every stream has its first page. */
  isReady: boolean
  summary: { runs: number; oldestMs: number | null }
  state: PersistedState
  failure: ApiError | undefined
  samples: readonly { ms: number; offset: number }[]
  nowMs: number
  /** Pages the vendor's rate limit lets the sync read a minute, when it has one. */
  pagesPerMinute?: number | undefined
  /** Seconds until the rate-limit window reopens, while the sync waits for it. */
  waitSeconds?: number | undefined
  pageSize: number
}): SyncProgress {
  const { cursors, summary, state } = input
  const done = input.isReady && cursors.every((cursor) => cursor.done)
  const vendorTotal = cursors.reduce((sum, cursor) => sum + cursor.total, 0)
  const left = cursors.reduce(
    (sum, cursor) => sum + (cursor.done ? 0 : Math.max(0, cursor.atTotal - cursor.readOffset)),
    0,
  )
  const first = input.samples[0]
  const last = input.samples[input.samples.length - 1]
  const ratePerMs =
    first !== undefined && last !== undefined && last.ms > first.ms
      ? (last.offset - first.offset) / (last.ms - first.ms)
      : undefined
  // The pace so far, but never faster than the rate limit allows from here on.
  const paced = ratePerMs !== undefined && ratePerMs > 0 ? left / ratePerMs / 1000 : undefined
  const limited =
    input.pagesPerMinute !== undefined && input.pagesPerMinute > 0
      ? (Math.ceil(left / input.pageSize) / input.pagesPerMinute) * 60
      : undefined
  const eta =
    paced === undefined && limited === undefined
      ? undefined
      : Math.ceil(Math.max(paced ?? 0, limited ?? 0) + (input.waitSeconds ?? 0))
  const lastError = state.lastError ?? input.failure?.message
  return {
    state: input.failure !== undefined ? 'error' : done ? 'live' : 'backfilling',
    runsStored: summary.runs,
    ...(input.isReady ? { vendorTotal } : {}),
    ...(summary.oldestMs === null ? {} : { oldestStoredAt: iso(summary.oldestMs) }),
    ...(state.lastSuccessMs === null ? {} : { lastSyncAt: iso(state.lastSuccessMs) }),
    ...(!done && eta !== undefined ? { etaSeconds: eta } : {}),
    ...(lastError === undefined ? {} : { lastError }),
  }
}
