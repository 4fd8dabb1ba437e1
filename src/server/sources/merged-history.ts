/**
 * A lazy k-way merge of several newest-first run streams into one newest-first list. Trigify
 * lists runs per workflow only, so the all-workflows view is a merge of per-workflow pages;
 * puq's several-status filter is a merge of per-status pages. The merge pulls a stream's next
 * page only when that stream's buffer is empty and its next run could be the newest one left,
 * so a page costs at most one upstream page per stream, and the merged prefix is kept (for a
 * short TTL, by the caller) so deeper pages and repeated scans continue where the last one
 * stopped instead of starting over.
 */
import type { Run } from '../../shared/model'
import type { ScanAllowance } from '../upstream/client'
import { recencyKey } from './vendor-time'

export type StreamPage = { runs: Run[]; total: number; hasMore: boolean }

export type RunStream = {
  /**
   * Fetches the stream's page `page` (1-based), spending from `scan` when given; throws to
   * stop the merge (spent budget, upstream errors).
   */
  fetchPage(page: number, scan?: ScanAllowance): Promise<StreamPage>
}

type StreamState = {
  stream: RunStream
  buffer: Run[]
  nextPage: number
  done: boolean
  total: number | undefined
}

export class MergedHistory {
  /** The merged, de-duplicated prefix produced so far, newest first. */
  readonly merged: Run[] = []
  private readonly states: StreamState[]
  private readonly seen = new Set<string>()
  private readonly fetched = new Map<string, Run>()
  private queue: Promise<unknown> = Promise.resolve()

  constructor(streams: readonly RunStream[]) {
    this.states = streams.map((stream) => ({
      stream,
      buffer: [],
      nextPage: 1,
      done: false,
      total: undefined,
    }))
  }

  /** True once every stream is read to its end and merged. */
  get isExhausted(): boolean {
    return this.states.every((state) => state.done && state.buffer.length === 0)
  }

  /** Sum of the streams' totals, once every stream has answered at least once. */
  get total(): number | undefined {
    let sum = 0
    for (const state of this.states) {
      if (state.total === undefined) return undefined
      sum += state.total
    }
    return sum
  }

  /** Start (or creation) time of the oldest merged run. */
  get oldestMergedAt(): string | undefined {
    const last = this.merged[this.merged.length - 1]
    return last?.startedAt ?? last?.createdAt
  }

  /** A run seen in any fetched page, merged yet or not. */
  lookup(id: string): Run | undefined {
    return this.fetched.get(id)
  }

  /**
   * Grows the merged prefix to `count` runs or to the end of every stream. Calls are
   * serialized: two requests for the same history never fetch the same page twice. A stream
   * error (including a spent scan budget) is rethrown after the progress made so far is kept.
   */
  ensure(count: number, scan?: ScanAllowance): Promise<void> {
    const run = this.queue.then(() => this.grow(count, scan))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async grow(count: number, scan: ScanAllowance | undefined): Promise<void> {
    while (this.merged.length < count) {
      const needy = this.states.filter((state) => state.buffer.length === 0 && !state.done)
      if (needy.length > 0) {
        await this.fetchNext(needy, scan)
        continue
      }
      const next = this.newestHead()
      if (next === undefined) return
      const run = next.buffer.shift()
      if (run === undefined || this.seen.has(run.id)) continue
      this.seen.add(run.id)
      this.merged.push(run)
    }
  }

  private async fetchNext(
    states: readonly StreamState[],
    scan: ScanAllowance | undefined,
  ): Promise<void> {
    const results = await Promise.allSettled(
      states.map((state) => state.stream.fetchPage(state.nextPage, scan)),
    )
    let failure: { reason: unknown } | undefined
    for (const [index, result] of results.entries()) {
      const state = states[index]
      if (state === undefined) continue
      if (result.status === 'rejected') {
        failure ??= { reason: result.reason }
        continue
      }
      const { runs, total, hasMore } = result.value
      state.nextPage += 1
      state.total = total
      state.buffer.push(...runs)
      for (const run of runs) this.fetched.set(run.id, run)
      if (!hasMore || runs.length === 0) state.done = true
    }
    if (failure !== undefined) throw failure.reason
  }

  /** The stream whose next run is the newest; ties go to the earlier stream (stable). */
  private newestHead(): StreamState | undefined {
    let best: StreamState | undefined
    let bestKey = Number.NEGATIVE_INFINITY
    for (const state of this.states) {
      const head = state.buffer[0]
      if (head === undefined) continue
      const key = recencyKey(head)
      if (best === undefined || key > bestKey) {
        best = state
        bestKey = key
      }
    }
    return best
  }
}
