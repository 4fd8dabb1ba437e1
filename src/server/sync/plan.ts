/**
 * What a source's sync reads next: a pure decision over its streams' cursors and the clock,
 * so the order (workflows, then every stream's first page, then due top refreshes, then the
 * backfill breadth-first by time, with step details in between) is unit-tested without HTTP.
 */
import type { StreamCursor } from './stream-cursor'

export type StreamView = {
  id: string
  cursor: StreamCursor | undefined
  /** Newest sort time stored for the stream (null: none). */
  newestMs: number | null
}

export type PlanInput = {
  nowMs: number
  /** When the workflow list was last read (null: never). */
  workflowsReadMs: number | null
  streams: readonly StreamView[]
  /** Runs waiting for their step detail (puq failures). */
  detailsPending: number
  /** What the previous step did, so details and backfill take turns. */
  previous: Work['kind'] | undefined
  policy: LivePolicy
}

/** How often the top of a stream is re-read, by how recently it saw a run. */
export type LivePolicy = {
  minIntervalMs: number
  maxIntervalMs: number
  /** The interval is the time since the newest run divided by this, within the bounds. */
  recencyDivisor: number
  workflowsIntervalMs: number
}

export type Work =
  | { kind: 'workflows' }
  | { kind: 'top'; stream: string }
  | { kind: 'backfill'; stream: string }
  | { kind: 'detail' }
  | { kind: 'idle'; untilMs: number }

export function topIntervalMs(newestMs: number | null, nowMs: number, policy: LivePolicy): number {
  if (newestMs === null) return policy.maxIntervalMs
  const byRecency = Math.max(0, nowMs - newestMs) / policy.recencyDivisor
  return Math.min(policy.maxIntervalMs, Math.max(policy.minIntervalMs, byRecency))
}

function topDueMs(stream: StreamView, nowMs: number, policy: LivePolicy): number {
  const last = stream.cursor?.lastTopMs ?? 0
  return last + topIntervalMs(stream.newestMs, nowMs, policy)
}

export function nextWork(input: PlanInput): Work {
  const { nowMs, policy } = input
  const workflowsDue =
    input.workflowsReadMs === null ? nowMs : input.workflowsReadMs + policy.workflowsIntervalMs
  if (workflowsDue <= nowMs) return { kind: 'workflows' }

  const unread = input.streams.find((stream) => stream.cursor === undefined)
  if (unread !== undefined) return { kind: 'backfill', stream: unread.id }

  let mostOverdue: { id: string; dueMs: number } | undefined
  for (const stream of input.streams) {
    const dueMs = topDueMs(stream, nowMs, policy)
    if (dueMs <= nowMs && (mostOverdue === undefined || dueMs < mostOverdue.dueMs)) {
      mostOverdue = { id: stream.id, dueMs }
    }
  }
  if (mostOverdue !== undefined) return { kind: 'top', stream: mostOverdue.id }

  // Breadth-first by time: the stream whose frontier is newest goes back first, so the
  // history is complete back to one instant across all streams as it fills.
  let backfill: { id: string; frontierMs: number } | undefined
  for (const stream of input.streams) {
    const cursor = stream.cursor
    if (cursor === undefined || cursor.done) continue
    const frontierMs = cursor.frontierMs ?? Number.POSITIVE_INFINITY
    if (backfill === undefined || frontierMs > backfill.frontierMs) {
      backfill = { id: stream.id, frontierMs }
    }
  }
  const detailTurn =
    input.detailsPending > 0 && (backfill === undefined || input.previous !== 'detail')
  if (detailTurn) return { kind: 'detail' }
  if (backfill !== undefined) return { kind: 'backfill', stream: backfill.id }

  let untilMs = workflowsDue
  for (const stream of input.streams) untilMs = Math.min(untilMs, topDueMs(stream, nowMs, policy))
  return { kind: 'idle', untilMs }
}
