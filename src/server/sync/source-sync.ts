/**
 * One source's sync: a loop of small pure decisions (`nextWork`) around one effectful step
 * (read a vendor page, write it with its cursor in one transaction). It backfills every stream
 * newest first to its oldest run, re-reads the tops as they come due, reads puq step details
 * for failures, stays inside the vendor's rate limit, and backs off on faults without losing
 * what it has. In a shared PostgreSQL store only the replica holding the source's lock syncs;
 * the others follow its cursors from the store.
 */
import type { Run, Source, Step, Workflow } from '../../shared/model'
import type { RunStatus } from '../../shared/run-status'
import { ApiError } from '../errors'
import type { RunStore, SyncCursor } from '../store/types'
import type { SourceFeed } from './feed'
import { nextWork, type LivePolicy, type Work } from './plan'
import {
  afterBackfillPage,
  afterTopPage,
  freshCursor,
  nextBackfillPage,
  streamCursorSchema,
  topContinues,
  type PageRead,
  type StreamCursor,
} from './stream-cursor'
import { syncProgress, type SyncProgress } from './sync-progress'
import { persistedStateSchema, type PersistedState } from './persisted-state'

export type SourceSyncOptions = {
  policy?: Partial<LivePolicy>
  /** Step details read per minute at most (puq). */
  detailsPerMinute?: number
  maxTopPages?: number
  now?: () => number
  /** Called with each step's failure, for the log. */
  onError?: (error: unknown) => void
}

const defaultPolicies: Record<Source['vendor'], LivePolicy> = {
  // One stream for every workflow: re-read its top often, new runs show within 30 s.
  puq: {
    minIntervalMs: 10_000,
    maxIntervalMs: 10_000,
    recencyDivisor: 1,
    workflowsIntervalMs: 300_000,
  },
  // A stream per workflow under 100 requests a minute: a busy workflow every 20 s, one that
  // has not run for an hour every 3 minutes, a dormant one every 5. Measured on a live clock
  // (bench freshness), the former 30 s / 10 min with a divisor of 10 left one new run in 25
  // later than 60 s while spending 22 requests a minute of 100. At rest, 40 dormant workflows
  // cost 8 a minute.
  trigify: {
    minIntervalMs: 20_000,
    maxIntervalMs: 300_000,
    recencyDivisor: 20,
    workflowsIntervalMs: 300_000,
  },
}

const maxBackoffMs = 300_000
const followerPollMs = 5_000
const lockRecheckMs = 30_000
/** Runs in flight for longer than this are not chased by every top refresh. */
const activeHorizonMs = 24 * 3_600_000
/** Settled runs of the last day get their details read too, after every failed one. */
const recentDetailMs = 24 * 3_600_000
const settledOk: RunStatus[] = ['succeeded', 'cancelled']

function sortTimeOf(run: {
  startedAt?: string | undefined
  createdAt?: string | undefined
}): number | null {
  const time = run.startedAt ?? run.createdAt
  return time === undefined ? null : Date.parse(time)
}

export class SourceSync {
  private readonly policy: LivePolicy
  private readonly now: () => number
  private cursors = new Map<string, StreamCursor>()
  private workflows: Workflow[] = []
  private names = new Map<string, string>()
  private state: PersistedState = { workflowsReadMs: null, lastSuccessMs: null }
  private newestByStream = new Map<string, number | null>()
  private failure: ApiError | undefined
  private failures = 0
  private previous: Work['kind'] | undefined
  private running = false
  private leader = false
  private lockCheckedMs = 0
  private wakeUp: (() => void) | undefined
  private loop: Promise<void> | undefined
  private readonly detailTimes: number[] = []
  private readonly backfillSamples: { ms: number; offset: number }[] = []
  private readonly listeners = new Set<() => void>()

  constructor(
    readonly feed: SourceFeed,
    private readonly store: RunStore,
    private readonly options: SourceSyncOptions = {},
  ) {
    this.policy = { ...defaultPolicies[feed.info.vendor], ...options.policy }
    this.now = options.now ?? Date.now
  }

  get source(): string {
    return this.feed.info.id
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.loop = this.run()
  }

  async stop(): Promise<void> {
    this.running = false
    this.wakeUp?.()
    await this.loop
  }

  /** Every stream has its first page stored: the source can answer from the store. */
  isReady(): boolean {
    return (
      this.state.workflowsReadMs !== null &&
      this.streamIds().every((stream) => this.cursors.has(stream))
    )
  }

  /** The vendor's fault while the source has never synced; undefined once it has. */
  blockingFailure(): ApiError | undefined {
    return this.isReady() ? undefined : this.failure
  }

  /** Resolves when the source is ready or has failed, or after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<void> {
    if (this.isReady() || this.failure !== undefined) return
    await new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        this.listeners.delete(check)
        resolve()
      }
      const check = () => {
        if (this.isReady() || this.failure !== undefined) finish()
      }
      const timer = setTimeout(finish, timeoutMs)
      this.listeners.add(check)
    })
  }

  /** How far back the store is complete for one workflow's runs, or for all. */
  coverage(workflow?: string): { complete: boolean; coveredFromMs: number | null } {
    const streams = this.streamIds().filter((stream) => {
      const owner = this.feed.workflowOf(stream)
      return workflow === undefined || owner === undefined || owner === workflow
    })
    let complete = true
    let coveredFromMs: number | null = null
    for (const stream of streams) {
      const cursor = this.cursors.get(stream)
      if (cursor?.done === true) continue
      complete = false
      // Nothing read of a stream: complete from nowhere yet.
      const frontier = cursor?.frontierMs ?? this.now()
      coveredFromMs = coveredFromMs === null ? frontier : Math.max(coveredFromMs, frontier)
    }
    return { complete, coveredFromMs: complete ? null : coveredFromMs }
  }

  async progress(): Promise<SyncProgress> {
    const summary = await this.store.summary(this.source)
    return syncProgress({
      cursors: this.streamIds().flatMap((stream) => this.cursors.get(stream) ?? []),
      isReady: this.isReady(),
      summary,
      state: this.state,
      failure: this.failure,
      samples: this.backfillSamples,
      nowMs: this.now(),
      pagesPerMinute: this.pagesPerMinute(),
      waitSeconds: this.rateLimitWaitSeconds(),
      pageSize: this.feed.pageSize,
    })
  }

  /** Re-reads every stream's top at the next step (a person pressed refresh; tests). */
  refreshNow(): void {
    for (const [stream, cursor] of this.cursors)
      this.cursors.set(stream, { ...cursor, lastTopMs: null })
    this.wakeUp?.()
  }

  /** Reads a run's detail for a person, now, and stores it (puq). */
  async readThrough(id: string): Promise<boolean> {
    if (this.feed.readDetail === undefined) return false
    const detail = await this.feed.readDetail(id, this.names)
    await this.store.write({
      source: this.source,
      runs: [detail.run],
      steps: [{ runId: detail.run.id, steps: detail.steps }],
    })
    return true
  }

  private streamIds(): string[] {
    return this.feed.streams(this.workflows)
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener()
  }

  private async run(): Promise<void> {
    await this.load()
    while (this.running) {
      try {
        // A leader asks again now and then: a replica whose lock connection died has lost
        // the source to another and must follow it instead of syncing twice.
        if (!this.leader || this.now() - this.lockCheckedMs > lockRecheckMs) {
          this.lockCheckedMs = this.now()
          const wasLeader = this.leader
          this.leader = await this.store.tryLockSource(this.source)
          if (!this.leader) {
            await this.pause(followerPollMs)
            await this.load()
            continue
          }
          // Taking over: resume from what the last leader stored.
          if (!wasLeader) await this.load()
        }
        await this.step()
        this.failures = 0
      } catch (error) {
        this.options.onError?.(error)
        this.failures += 1
        this.failure =
          error instanceof ApiError
            ? error
            : new ApiError(
                'INTERNAL',
                `The sync of ${this.feed.info.label} stopped on an unexpected error`,
              )
        this.notify()
        await this.saveState({ lastError: this.failure.message }).catch(() => undefined)
        const retryAfter = this.failure.retryAfterSeconds
        await this.pause(
          retryAfter !== undefined
            ? retryAfter * 1000
            : Math.min(maxBackoffMs, 1000 * 2 ** Math.min(this.failures, 9)),
        )
      }
    }
  }

  /** Cursors, workflows and state as the store has them (a restart resumes from here). */
  private async load(): Promise<void> {
    const [cursors, state, workflows, activity] = await Promise.all([
      this.store.cursors(this.source),
      this.store.syncState(this.source),
      this.store.workflows(this.source),
      this.store.workflowActivity(this.source),
    ])
    this.cursors = new Map()
    for (const [stream, value] of cursors) {
      const parsed = streamCursorSchema.safeParse(value)
      if (parsed.success) this.cursors.set(stream, parsed.data)
    }
    const persisted = persistedStateSchema.safeParse(state ?? {})
    if (persisted.success) this.state = persisted.data
    this.setWorkflows(workflows)
    this.newestByStream = new Map()
    for (const item of activity)
      this.noteNewest(this.streamOfWorkflow(item.workflowId), item.newestMs)
  }

  private setWorkflows(workflows: Workflow[]): void {
    this.workflows = workflows
    this.names = new Map(workflows.map((workflow) => [workflow.id, workflow.name]))
  }

  private streamOfWorkflow(workflowId: string): string {
    return (
      this.streamIds().find((stream) => {
        const owner = this.feed.workflowOf(stream)
        return owner === undefined || owner === workflowId
      }) ?? workflowId
    )
  }

  private noteNewest(stream: string, ms: number | null): void {
    if (ms === null) return
    const known = this.newestByStream.get(stream) ?? null
    if (known === null || ms > known) this.newestByStream.set(stream, ms)
  }

  private async detailsPending(): Promise<number> {
    if (this.feed.readDetail === undefined) return 0
    const windowStart = this.now() - 60_000
    while ((this.detailTimes[0] ?? Number.POSITIVE_INFINITY) < windowStart) this.detailTimes.shift()
    if (this.detailTimes.length >= (this.options.detailsPerMinute ?? 120)) return 0
    return (await this.nextWithoutDetail()) === undefined ? 0 : 1
  }

  /**
   * Failed runs first (the list can then say which step failed and why), then the last day's
   * settled runs, so a recent run opens with its steps already there.
   */
  private async nextWithoutDetail(): Promise<Run | undefined> {
    const [failed] = await this.store.runsWithoutDetail(this.source, ['failed'], 1)
    if (failed !== undefined) return failed
    const sinceMs = this.now() - recentDetailMs
    const [recent] = await this.store.runsWithoutDetail(this.source, settledOk, 1, sinceMs)
    return recent
  }

  private async step(): Promise<void> {
    const work = nextWork({
      nowMs: this.now(),
      workflowsReadMs: this.state.workflowsReadMs,
      streams: this.streamIds().map((id) => ({
        id,
        cursor: this.cursors.get(id),
        newestMs: this.newestByStream.get(id) ?? null,
      })),
      detailsPending: await this.detailsPending(),
      previous: this.previous,
      policy: this.policy,
    })
    this.previous = work.kind
    switch (work.kind) {
      case 'workflows':
        return this.readWorkflows()
      case 'backfill':
        return this.backfill(work.stream)
      case 'top':
        return this.refreshTop(work.stream)
      case 'detail':
        return this.readDetail()
      case 'idle':
        return this.pause(Math.max(0, work.untilMs - this.now()))
    }
  }

  private async readWorkflows(): Promise<void> {
    await this.pace()
    const workflows = await this.feed.readWorkflows()
    this.setWorkflows(workflows)
    await this.succeed({ workflows }, { workflowsReadMs: this.now() })
  }

  private async readPage(stream: string, page: number) {
    await this.pace()
    const result = await this.feed.readPage(stream, page, this.names)
    const read: PageRead = {
      page,
      pageSize: this.feed.pageSize,
      sortTimes: result.runs.map(sortTimeOf),
      total: result.total,
    }
    return { runs: result.runs, read }
  }

  private async backfill(stream: string): Promise<void> {
    const cursor = this.cursors.get(stream) ?? freshCursor
    const { runs, read } = await this.readPage(stream, nextBackfillPage(cursor, this.feed.pageSize))
    const next = afterBackfillPage(cursor, read)
    // The first page of a stream is its top as well.
    await this.writePage(
      stream,
      runs,
      this.cursors.has(stream) ? next : { ...next, lastTopMs: this.now() },
    )
    this.backfillSamples.push({ ms: this.now(), offset: this.backfilledRuns() })
    if (this.backfillSamples.length > 60) this.backfillSamples.shift()
  }

  private backfilledRuns(): number {
    let runs = 0
    for (const cursor of this.cursors.values()) runs += cursor.readOffset
    return runs
  }

  private async refreshTop(stream: string): Promise<void> {
    const activity = await this.store.activeRuns(this.source, 1)
    const oldestActive = activity[0] === undefined ? null : sortTimeOf(activity[0])
    const context = {
      storedNewestMs: this.newestByStream.get(stream) ?? null,
      oldestActiveMs:
        oldestActive !== null && oldestActive > this.now() - activeHorizonMs ? oldestActive : null,
      maxPages: this.options.maxTopPages ?? 20,
    }
    for (let page = 1; ; page += 1) {
      const before = this.cursors.get(stream) ?? freshCursor
      const { runs, read } = await this.readPage(stream, page)
      await this.writePage(stream, runs, afterTopPage(before, read, this.now()))
      if (!this.running || !topContinues(before, read, context)) return
    }
  }

  private async readDetail(): Promise<void> {
    const run = await this.nextWithoutDetail()
    if (run === undefined || this.feed.readDetail === undefined) return
    this.detailTimes.push(this.now())
    await this.pace()
    try {
      const detail = await this.feed.readDetail(run.id, this.names)
      await this.succeed({ runs: [detail.run], steps: [{ runId: run.id, steps: detail.steps }] })
    } catch (error) {
      // A run the vendor no longer has keeps its listing; its detail is not asked for again.
      if (!(error instanceof ApiError && error.code === 'NOT_FOUND')) throw error
      await this.succeed({ steps: [{ runId: run.id, steps: [] }] })
    }
  }

  private async writePage(stream: string, runs: Run[], cursor: StreamCursor): Promise<void> {
    this.cursors.set(stream, cursor)
    for (const run of runs) this.noteNewest(stream, sortTimeOf(run))
    await this.succeed({ runs, cursor: { stream, value: cursor } })
  }

  private async succeed(
    batch: {
      runs?: Run[]
      steps?: { runId: string; steps: Step[] }[]
      workflows?: Workflow[]
      cursor?: { stream: string; value: SyncCursor }
    },
    state: Partial<PersistedState> = {},
  ): Promise<void> {
    this.state = { ...this.state, ...state, lastSuccessMs: this.now() }
    delete this.state.lastError
    await this.store.write({ source: this.source, ...batch, state: this.state })
    this.failure = undefined
    this.notify()
  }

  private async saveState(state: Partial<PersistedState>): Promise<void> {
    this.state = { ...this.state, ...state }
    await this.store.write({ source: this.source, state: this.state })
  }

  /** The vendor's window (a minute) less the reserve, when its headers gave a limit. */
  private pagesPerMinute(): number | undefined {
    const limit = this.feed.client.health().rateLimit
    return limit === undefined ? undefined : limit - this.reserveOf(limit)
  }

  /** How long the sync must wait for the vendor's window to reopen (0: it need not). */
  private rateLimitWaitSeconds(): number {
    const { rateLimitRemaining: remaining, rateLimit: limit } = this.feed.client.health()
    if (remaining === undefined || remaining > this.reserveOf(limit ?? 0)) return 0
    return this.feed.client.rateLimitRetryAfterSeconds()
  }

  private reserveOf(limit: number): number {
    return Math.min(this.feed.rateReserve, Math.floor(limit / 5))
  }

  /**
   * Waits while the vendor's rate-limit window has no more than the reserve left (a fifth of
   * the window at most, so a small limit still leaves the sync something), so the sync never
   * meets a 429 itself. A source with nothing stored yet says so as a rate limit.
   */
  private async pace(): Promise<void> {
    const seconds = this.rateLimitWaitSeconds()
    if (seconds === 0) return
    if (!this.isReady()) {
      this.failure = new ApiError(
        'UPSTREAM_RATE_LIMITED',
        `The ${this.feed.info.label} rate limit is used up for this minute; Runboard reads on in ${seconds} s`,
        { source: this.source, retryAfterSeconds: seconds },
      )
      this.notify()
    }
    await this.pause(seconds * 1000)
  }

  private pause(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms)
      function finish() {
        clearTimeout(timer)
        resolve()
      }
      this.wakeUp = finish
    })
  }
}
