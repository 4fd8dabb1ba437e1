/**
 * What one newest-first run stream (a Trigify workflow, a puq filter) holds for a time
 * window. Neither vendor filters by time, so the index reads pages from the top until it
 * passes the window's start, and keeps what it read: a contiguous newest-first segment.
 *
 * A later call does not start over. It re-reads the top until it meets the segment below
 * every run that could still have changed (runs active at the last read, within
 * `activeHorizonMs`), then continues at the bottom only if the window reaches further back.
 * Finished runs never change, so a warm call costs a page or two per stream instead of the
 * whole window. New runs only push older ones down a page, so page n + 1 can repeat runs of
 * page n but never skip one; ids are de-duplicated.
 */
import type { Run } from '../../shared/model'
import { isActiveStatus } from '../../shared/run-status'
import type { ScanAllowance } from '../upstream/client'
import { TtlCache } from '../upstream/ttl-cache'
import { runTimeMs } from './buckets'

export type StreamPage = {
  runs: Run[]
  /** The vendor's count of the stream's runs (all time). */
  total: number
  /** The vendor's own outcome counts for the stream, where it reports them (puq). */
  succeeded?: number
  failed?: number
}
export type FetchStreamPage = (
  page: number,
  pageSize: number,
  scan: ScanAllowance,
) => Promise<StreamPage>

export type WindowIndexOptions = {
  pageSize?: number
  /** How long a read of the top stays fresh before the next call reads it again. */
  refreshMs?: number
  /** Runs active this long before the last read are re-read; older ones are taken as stuck. */
  activeHorizonMs?: number
  /** The most runs kept: past it the index says it is incomplete rather than grow. */
  maxRuns?: number
  now?: () => number
}

type Refresh = {
  fresh: Run[]
  freshIds: Set<string>
  nextPage: number
  boundaryMs: number
  startedAt: number
}

export class WindowIndex {
  private runs: Run[] = []
  private ids = new Set<string>()
  private nextPage = 1
  private reachedEnd = false
  private readAt: number | undefined
  private refresh: Refresh | undefined
  private queue: Promise<unknown> = Promise.resolve()
  /** The vendor's counts from the latest page read (its totals for the filter, all time). */
  vendorCounts: Omit<StreamPage, 'runs'> | undefined
  private readonly pageSize: number
  private readonly refreshMs: number
  private readonly activeHorizonMs: number
  private readonly maxRuns: number
  private readonly now: () => number

  constructor(
    private readonly fetchPage: FetchStreamPage,
    options: WindowIndexOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 100
    this.refreshMs = options.refreshMs ?? 60_000
    this.activeHorizonMs = options.activeHorizonMs ?? 3_600_000
    this.maxRuns = options.maxRuns ?? 50_000
    this.now = options.now ?? Date.now
  }

  /** Runs read so far, newest first (after the last completed refresh). */
  get segment(): readonly Run[] {
    return this.runs
  }

  /** The oldest start time read; undefined before the first page. */
  get oldestMs(): number | undefined {
    for (let index = this.runs.length - 1; index >= 0; index -= 1) {
      const ms = runTimeMs(this.runs[index] ?? {})
      if (ms !== undefined) return ms
    }
    return undefined
  }

  /** True when every run that started at or after `fromMs` is in the segment, up to date. */
  covers(fromMs: number): boolean {
    if (this.isStale()) return false
    if (this.reachedEnd) return true
    const oldest = this.oldestMs
    return oldest !== undefined && oldest < fromMs
  }

  /** Starts a new call: decides whether the top must be read again first. */
  begin(): void {
    if (this.refresh !== undefined || !this.isStale()) return
    if (this.runs.length === 0) {
      this.nextPage = 1
      this.reachedEnd = false
      this.readAt = this.now()
      return
    }
    this.refresh = {
      fresh: [],
      freshIds: new Set(),
      nextPage: 1,
      boundaryMs: this.refreshBoundary(),
      startedAt: this.now(),
    }
  }

  /**
   * Reads one more page towards covering `fromMs` (the top first, when stale). Returns false
   * when there is nothing left to read. Calls are serialized: one page at a time per stream.
   */
  step(fromMs: number, scan: ScanAllowance): Promise<boolean> {
    const run = this.queue.then(() => this.stepNow(fromMs, scan))
    this.queue = run.catch(() => undefined)
    return run
  }

  private isStale(): boolean {
    return this.readAt === undefined || this.now() - this.readAt >= this.refreshMs
  }

  /** The top is re-read down below this: the newest run, and every recently active one. */
  private refreshBoundary(): number {
    let boundary = runTimeMs(this.runs[0] ?? {}) ?? Number.POSITIVE_INFINITY
    const horizon = (this.readAt ?? this.now()) - this.activeHorizonMs
    for (const run of this.runs) {
      const ms = runTimeMs(run)
      if (ms === undefined || ms < horizon) continue
      if (isActiveStatus(run.status) && ms < boundary) boundary = ms
    }
    return boundary
  }

  private async stepNow(fromMs: number, scan: ScanAllowance): Promise<boolean> {
    if (this.refresh !== undefined) {
      await this.readTop(this.refresh, scan)
      return true
    }
    if (this.covers(fromMs) || this.reachedEnd) return false
    if (this.runs.length >= this.maxRuns) return false
    const page = this.nextPage
    const result = await this.fetchPage(page, this.pageSize, scan)
    this.nextPage += 1
    this.vendorCounts = countsOf(result)
    for (const run of result.runs) {
      if (this.ids.has(run.id)) continue
      this.ids.add(run.id)
      this.runs.push(run)
    }
    if (this.isLastPage(page, result)) this.reachedEnd = true
    return true
  }

  private isLastPage(page: number, result: StreamPage): boolean {
    return result.runs.length < this.pageSize || page * this.pageSize >= result.total
  }

  private async readTop(refresh: Refresh, scan: ScanAllowance): Promise<void> {
    const page = refresh.nextPage
    const result = await this.fetchPage(page, this.pageSize, scan)
    refresh.nextPage += 1
    this.vendorCounts = countsOf(result)
    let overlaps = false
    for (const run of result.runs) {
      if (this.ids.has(run.id)) overlaps = true
      if (refresh.freshIds.has(run.id)) continue
      refresh.freshIds.add(run.id)
      refresh.fresh.push(run)
    }
    const oldest = runTimeMs(refresh.fresh.at(-1) ?? {})
    const isLast = this.isLastPage(page, result)
    const passedBoundary = overlaps && oldest !== undefined && oldest < refresh.boundaryMs
    if (!isLast && !passedBoundary) return

    // Stitch: the fresh top, then the old segment below the deepest run both contain.
    let deepest = -1
    if (!isLast) {
      for (let index = this.runs.length - 1; index >= 0; index -= 1) {
        if (refresh.freshIds.has(this.runs[index]?.id ?? '')) {
          deepest = index
          break
        }
      }
    }
    const below = isLast ? [] : this.runs.slice(deepest + 1)
    this.runs = [...refresh.fresh, ...below.filter((run) => !refresh.freshIds.has(run.id))]
    this.ids = new Set(this.runs.map((run) => run.id))
    this.reachedEnd = isLast || this.reachedEnd
    this.nextPage = Math.floor(this.runs.length / this.pageSize) + 1
    this.readAt = refresh.startedAt
    this.refresh = undefined
  }

  /** A refresh cut short (spent budget, upstream error) starts over on the next call. */
  abandonRefresh(): void {
    this.refresh = undefined
  }
}

function countsOf({ runs: _runs, ...counts }: StreamPage): Omit<StreamPage, 'runs'> {
  return counts
}

/**
 * The indexes of one source, by stream key, kept while they are used: an index that no call
 * touched for `idleMs` is dropped with what it read, and at most `maxIndexes` are kept.
 */
export class WindowIndexCache {
  private readonly cache: TtlCache<WindowIndex>

  constructor(
    maxIndexes = 64,
    private readonly idleMs = 15 * 60_000,
    private readonly options: WindowIndexOptions = {},
  ) {
    this.cache = new TtlCache(maxIndexes, options.now)
  }

  get(key: string, fetchPage: FetchStreamPage): WindowIndex {
    const index = this.cache.get(key) ?? new WindowIndex(fetchPage, this.options)
    this.cache.set(key, index, this.idleMs)
    return index
  }
}
