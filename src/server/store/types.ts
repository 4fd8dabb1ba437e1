/**
 * The run index's one interface. The sync writes vendor pages into it; every API answer reads
 * from it. Two implementations (SQLite embedded, PostgreSQL shared) pass one contract suite
 * (`store.contract.ts`), so routes and sync never know which engine is behind them.
 *
 * Times cross this interface as epoch milliseconds; the normalized `Run` and `Step` shapes
 * (ISO strings) are what reads return, so the API maps nothing.
 */
import type { RunStatus } from '../../shared/run-status'
import type { RunSort } from '../../shared/api-params'
import type { Run, Step, Workflow } from '../../shared/model'

/** Which runs a read is about. Every field narrows; none set means every run of the sources. */
export type RunFilter = {
  /** One source, or several for the all-sources view. */
  sources: readonly string[]
  workflow?: string | undefined
  /**
   * One failure group: failed runs with this fingerprint (`failures/fingerprint.ts`). Like a
   * workflow, it cannot be read from the rollups, so reads with it count from the runs.
   */
  failure?: string | undefined
  /** Any of these statuses; an empty list narrows nothing, like an absent one. */
  status?: readonly RunStatus[] | undefined
  /**
   * Runs whose sort time (start, else creation) lies in [fromMs, toMs). Undated runs (neither
   * time) are in no window; without one they list after every dated run, newest id first.
   */
  fromMs?: number | undefined
  toMs?: number | undefined
  /**
   * A search: runs whose id is or starts with `q`, or whose error text and workflow name hold
   * every word of `q` (any order, case-blind). Only the listing and the export search.
   */
  q?: string | undefined
}

/**
 * Which rows of the filter's order a page holds. `sort` defaults to newest first (`-started`);
 * `started` lists dated runs oldest first, undated ones still last; the duration orders list
 * runs without a duration last either way. Ties go by id, then source, in the same direction.
 */
export type PageRequest = { offset: number; limit: number; sort?: RunSort | undefined }

export type RunListPage = {
  items: Run[]
  /** Runs matching the whole filter. */
  total: number
  /**
   * Runs per status matching the filter without its status part (the status menu's counts);
   * every status is present, zeros included, since the store's counts are exact.
   */
  counts: Partial<Record<RunStatus, number>>
}

export type StoredRunDetail = {
  run: Run
  /** null: no step detail has been read (or the vendor has none). */
  steps: Step[] | null
  /** A failed run's failure group (`runs?failure=`), once it has one. */
  fingerprint?: string
}

/** Outcome counts of one time slot of `slotMs` (an hour, or 15 minutes), by status. */
export type SlotCounts = { slotStartMs: number; status: RunStatus; count: number }

/** One failure group (one fingerprint) of a window; times are epoch milliseconds. */
export type FailureGroup = {
  fingerprint: string
  source: string
  workflowId: string
  /** From the group's newest run in the window, like `sample`. */
  workflowName: string | null
  step: string | null
  /** The normalized error every run of the group shares. */
  message: string
  /** The raw error of the group's newest run in the window. */
  sample: string | null
  /** Runs in the window. */
  count: number
  /** Over every stored run of the fingerprint, not only the window's. */
  firstSeenMs: number
  lastSeenMs: number
  /** Runs per UTC day (day start) in the window, days without runs left out, oldest first. */
  daily: { dayMs: number; count: number }[]
  /** The vendor versions (puq) the group's runs in the window ran on, sorted. */
  versions: string[]
}

export type FailureGroups = {
  /** By count descending, then last seen descending, then fingerprint. */
  groups: FailureGroup[]
  /** Every dated failed run of the filter: the groups' counts add up to it. */
  totalFailed: number
  /**
   * Of those, runs whose step detail is not stored: with a vendor that has detail (puq), their
   * group rests on the listing alone and changes once the detail is read.
   */
  withoutDetail: number
}

/** Per (workflow, step) over a window; see `RunStore.stepStats`. */
export type StepStat = {
  workflowId: string
  step: string
  /** Runs that reached the step (null: the basis cannot tell, errors only). */
  runs: number | null
  /** Runs whose last attempt of the step failed. */
  failures: number
  /** Runs that needed more than one attempt of the step. */
  retried: number | null
  /** Of the last attempt, nearest rank; null without a duration. */
  p50Ms: number | null
  p95Ms: number | null
}

export type StepStats = {
  /**
   * `steps`: read from the runs' step detail (puq). `errors-only`: the step named in failed
   * runs' errors (Trigify lists no steps), so only failures are known.
   */
  basis: 'steps' | 'errors-only'
  /** Runs of the window the figures rest on (with step detail, or failed). */
  runsRead: number
  steps: StepStat[]
}

export type DurationSummary = { p50Ms: number; p95Ms: number; sampleSize: number }

/** Where a stream's sync stands; opaque JSON to the store, owned by the sync. */
export type SyncCursor = Record<string, unknown>

/** One unit of sync work: written in one transaction, so a crash keeps all of it or none. */
export type SyncBatch = {
  source: string
  /** Upserted by (source, id): a re-read run replaces what was stored. */
  runs?: readonly Run[]
  /**
   * Step details read for these runs (replacing any stored before), applied after `runs`.
   * Steps for a run the store does not hold are dropped. A run upserted with another status
   * than stored loses its stored steps (they described a state that is gone).
   */
  steps?: readonly { runId: string; steps: readonly Step[] }[]
  /** Replaces the source's whole workflow list when given. */
  workflows?: readonly Workflow[]
  /** The cursor that produced this batch, stored with it. */
  cursor?: { stream: string; value: SyncCursor }
  /** The source's sync state for people (`GET /api/sources`), stored with it. */
  state?: SyncCursor
}

/** Per workflow: how many runs are stored, the newest and the oldest still in flight. */
export type WorkflowActivity = {
  workflowId: string
  runs: number
  newestMs: number | null
  oldestActiveMs: number | null
}

export interface RunStore {
  /** 'sqlite' or 'postgres': for logs and the bench. */
  readonly engine: string

  write(batch: SyncBatch): Promise<void>

  listRuns(filter: RunFilter, page: PageRequest): Promise<RunListPage>
  /** Matching runs newest first in chunks, for exports: constant memory however many. */
  iterateRuns(filter: RunFilter, chunkSize?: number): AsyncIterable<Run[]>
  getRun(source: string, id: string): Promise<StoredRunDetail | undefined>
  /**
   * Counts per slot of `slotMs` (a divisor of an hour: 15 min or 1 h) in [fromMs, toMs), slots
   * aligned on the epoch, ordered by slot then status, zero slots left out.
   */
  slotCounts(filter: RunFilter, slotMs: number): Promise<SlotCounts[]>
  /**
   * Nearest-rank p50/p95 (the value at rank ceil(q·n) of the sorted durations) of the
   * filter's finished runs (`durationMs` and `finishedAt` both known); undefined with none.
   */
  durations(filter: RunFilter): Promise<DurationSummary | undefined>
  /**
   * Runs in the filter that have no start or creation time (so in no time slot). The window
   * part of the filter is ignored: an undated run is in none.
   */
  countUndated(filter: RunFilter): Promise<number>
  /**
   * The filter's failed runs grouped by fingerprint (its status part is ignored: only failed
   * runs have a cause). Undated runs are in no window and so in no group.
   */
  failureGroups(filter: RunFilter): Promise<FailureGroups>
  /** Per (workflow, step) figures of the filter's dated runs, on the basis given. */
  stepStats(filter: RunFilter, basis: StepStats['basis']): Promise<StepStats>

  workflows(source: string): Promise<Workflow[]>
  workflowActivity(source: string): Promise<WorkflowActivity[]>
  /** Runs of these statuses (newest first, started at or after `sinceMs` if given) whose step
   *  detail has not been read yet. */
  runsWithoutDetail(
    source: string,
    statuses: readonly RunStatus[],
    limit: number,
    sinceMs?: number,
  ): Promise<Run[]>
  /** Stored runs still pending, running or paused, oldest first. */
  activeRuns(source: string, limit: number): Promise<Run[]>
  summary(source: string): Promise<{ runs: number; oldestMs: number | null }>

  cursors(source: string): Promise<Map<string, SyncCursor>>
  syncState(source: string): Promise<SyncCursor | undefined>

  /** A small key/value table (schema identity, demo identity). */
  getMeta(key: string): Promise<string | undefined>
  setMeta(key: string, value: string): Promise<void>
  /** Forgets one source's (or every source's) runs, steps, workflows, cursors and state. */
  clear(source?: string): Promise<void>

  /**
   * Takes the right to sync `source` in this process; false while another replica holds it.
   * SQLite (one process) always grants it; PostgreSQL uses a session advisory lock, released
   * when the holder's connection dies, so another replica takes over.
   */
  tryLockSource(source: string): Promise<boolean>
  close(): Promise<void>
}
