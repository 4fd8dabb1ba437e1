/**
 * The history as seen at one instant, in the vendors' listing order: newest `created_at` first
 * (puq documents `created_at` on every run and `started_at` only once a run has left its
 * queue; a Trigify run is created as it starts). Rows are fixed at start-up; which are
 * visible, queued, running or settled depends on "now", which moves. Rows created longer ago
 * than the longest queue wait plus run are settled, so only a short recent window is ever
 * re-examined per request; everything older comes straight from the precomputed lists.
 */
import { FAILED, SUCCEEDED, outcomeNames } from './history'
import type { VendorHistory } from './history'

export const runStates = [...outcomeNames, 'PENDING', 'RUNNING'] as const
export type RunState = (typeof runStates)[number]
export const PENDING = 4
export const RUNNING = 5
export const INVISIBLE = -1

/** The state code (index into `runStates`) of a row at `nowMs`, or INVISIBLE before creation. */
export function stateAt(history: VendorHistory, row: number, nowMs: number): number {
  if ((history.created[row] ?? Infinity) > nowMs) return INVISIBLE
  if ((history.started[row] ?? Infinity) > nowMs) return PENDING
  if ((history.ended[row] ?? Infinity) > nowMs) return RUNNING
  return history.outcome[row] ?? SUCCEEDED
}

export type RunFilter = {
  /** Workflow index, or null for every workflow. */
  workflow: number | null
  /** State code, or null for every state. */
  state: number | null
}

export type RunPage = {
  rows: number[]
  /** Visible rows matching the filter. */
  total: number
  succeeded: number
  failed: number
}

export type RunView = {
  query(filter: RunFilter, offset: number, limit: number, nowMs: number): RunPage
}

/** Rows of the unsettled window at one instant, already in list order. */
type RecentWindow = {
  nowMs: number
  rows: Int32Array
  states: Int8Array
  workflows: Uint8Array
  /** Rows created at or before this are settled at this instant. */
  settledCreatedMs: number
}

/** First index in a descending array whose value is <= limit (binary search). */
function firstAtOrBefore(descending: Float64Array, limit: number): number {
  let low = 0
  let high = descending.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((descending[middle] ?? -Infinity) <= limit) high = middle
    else low = middle + 1
  }
  return low
}

/** First index of a list in listing order whose row was created at or before `limit`. */
function firstCreatedAtOrBefore(history: VendorHistory, list: Int32Array, limit: number): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((history.created[list[middle] ?? 0] ?? -Infinity) <= limit) high = middle
    else low = middle + 1
  }
  return low
}

/** The longest a run takes from creation to its final state (queue wait and run). */
function longestLifeMs(history: VendorHistory): number {
  let longest = 0
  for (let row = 0; row < history.count; row++) {
    longest = Math.max(longest, (history.ended[row] ?? 0) - (history.created[row] ?? 0))
  }
  return longest
}

export function createRunView(history: VendorHistory): RunView {
  let cached: RecentWindow | null = null
  const lifeMs = longestLifeMs(history)

  const recentWindow = (nowMs: number): RecentWindow => {
    if (cached?.nowMs === nowMs) return cached
    // Created before this, a run has reached its final state; after it, it may not have.
    const settledCreatedMs = nowMs - lifeMs - 1
    // Rows are in start order and a run starts at or after its creation, within `settleMs`:
    // every unsettled visible row started in (settledCreatedMs, nowMs + settleMs].
    const first = firstAtOrBefore(history.started, nowMs + history.settleMs)
    const last = firstAtOrBefore(history.started, settledCreatedMs)
    const candidates: { row: number; state: number }[] = []
    for (let row = first; row < last; row++) {
      if ((history.created[row] ?? 0) <= settledCreatedMs) continue
      const state = stateAt(history, row, nowMs)
      if (state !== INVISIBLE) candidates.push({ row, state })
    }
    const created = history.created
    candidates.sort((a, b) => (created[b.row] ?? 0) - (created[a.row] ?? 0) || a.row - b.row)
    cached = {
      nowMs,
      rows: Int32Array.from(candidates, (c) => c.row),
      states: Int8Array.from(candidates, (c) => c.state),
      workflows: Uint8Array.from(candidates, (c) => history.workflow[c.row] ?? 0),
      settledCreatedMs,
    }
    return cached
  }

  /** The settled rows matching a filter, as a list and where its settled part begins. */
  const settledList = (
    filter: RunFilter,
    settledCreatedMs: number,
  ): { list: Int32Array; from: number } => {
    const { workflow, state } = filter
    let list: Int32Array | undefined
    if (state === PENDING || state === RUNNING) list = undefined
    else if (workflow === null) list = state === null ? history.all : history.byOutcome[state]
    else
      list =
        state === null ? history.byWorkflow[workflow] : history.byWorkflowOutcome[workflow]?.[state]
    if (!list) return { list: new Int32Array(0), from: 0 }
    return { list, from: firstCreatedAtOrBefore(history, list, settledCreatedMs) }
  }

  return {
    query(filter, offset, limit, nowMs) {
      const recent = recentWindow(nowMs)
      const matchesWorkflow = (index: number): boolean =>
        filter.workflow === null || recent.workflows[index] === filter.workflow
      const recentRows: number[] = []
      let recentSucceeded = 0
      let recentFailed = 0
      for (let index = 0; index < recent.rows.length; index++) {
        if (!matchesWorkflow(index)) continue
        const state = recent.states[index]
        if (state === SUCCEEDED) recentSucceeded++
        if (state === FAILED) recentFailed++
        if (filter.state === null || state === filter.state)
          recentRows.push(recent.rows[index] ?? 0)
      }

      const settled = settledList(filter, recent.settledCreatedMs)
      const settledCount = settled.list.length - settled.from
      const settledWith = (state: number): number => {
        const part = settledList({ workflow: filter.workflow, state }, recent.settledCreatedMs)
        return part.list.length - part.from
      }

      const rows: number[] = []
      for (let index = offset; index < offset + limit; index++) {
        if (index < recentRows.length) {
          rows.push(recentRows[index] ?? 0)
          continue
        }
        const settledIndex = settled.from + index - recentRows.length
        if (settledIndex >= settled.list.length) break
        rows.push(settled.list[settledIndex] ?? 0)
      }

      const countOf = (state: number, recentCount: number): number =>
        filter.state === null || filter.state === state ? recentCount + settledWith(state) : 0
      return {
        rows,
        total: recentRows.length + settledCount,
        succeeded: countOf(SUCCEEDED, recentSucceeded),
        failed: countOf(FAILED, recentFailed),
      }
    },
  }
}
