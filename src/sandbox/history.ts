/**
 * The seeded demo history. A million runs must load in seconds and in tens of megabytes, so a
 * run is one row across typed arrays (times, workflow, outcome, error) rather than an object,
 * rows are stored newest first, and the per-workflow and per-outcome position lists that make
 * every page and every total O(page) or O(log n) are built once, here.
 */
import { maxQueueMs, maxRunMs, puqRunTypes } from './catalog'
import type { PuqRunType, WorkflowSpec } from './catalog'
import { puqWorkflows } from './puq-catalog'
import { createRng, mixSeed, randomSlug } from './rng'
import type { Rng } from './rng'
import { createRunIdCodec } from './run-ids'
import type { RunIdCodec } from './run-ids'
import { trigifyWorkflows } from './trigify-catalog'

export type VendorName = 'trigify' | 'puq'

/** Final outcomes, as stored; RUNNING and PENDING exist only relative to a clock. */
export const outcomeNames = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'PAUSED'] as const
export const SUCCEEDED = 0
export const FAILED = 1
export const CANCELLED = 2
export const PAUSED = 3
export const noError = 255

export type WorkflowVersion = { id: string; name: string; sinceMs: number }

export type WorkflowRecord = {
  index: number
  id: string
  spec: WorkflowSpec
  createdMs: number
  updatedMs: number
  /** Oldest first; a run uses the last version created before it. */
  versions: readonly WorkflowVersion[]
}

export type VendorHistory = {
  vendor: VendorName
  workflows: readonly WorkflowRecord[]
  count: number
  /** Epoch ms per row; rows are sorted by `started` descending (row 0 is the newest). */
  created: Float64Array
  started: Float64Array
  /** Finish time; for PAUSED runs the moment they paused (they never finish). */
  ended: Float64Array
  workflow: Uint8Array
  outcome: Uint8Array
  /** Index into the workflow's `spec.errors`, or `noError`. */
  errorIndex: Uint8Array
  /** Index into `puqRunTypes` (puq only). */
  runType: Uint8Array
  // The lists below are in listing order: newest `created` first, then row. A puq run is
  // created before it starts (it may wait in a queue with no `started_at`), so its listing
  // order is not the row order; Trigify's runs are created as they start, so theirs is.
  /** Rows of each workflow. */
  byWorkflow: readonly Int32Array[]
  /** Rows of each workflow with each final outcome: `[workflow][outcome]`. */
  byWorkflowOutcome: readonly (readonly Int32Array[])[]
  /** Rows with each final outcome, across workflows. */
  byOutcome: readonly Int32Array[]
  all: Int32Array
  /** No run is queued or running for longer than this, so older rows are settled. */
  settleMs: number
  runIds: RunIdCodec
  /** Seeds each failed run's own error text, drawn on demand like its steps. */
  errorSeed: number
}

export type SandboxData = {
  seed: number
  runs: number
  /** The instant the history is built around: 30 days before it, 48 hours after it. */
  anchorMs: number
  fromMs: number
  untilMs: number
  trigify: VendorHistory
  puq: VendorHistory
}

export type HistoryOptions = { seed: number; runs: number; anchorMs: number }

const hour = 3_600_000
const day = 24 * hour
export const historyDaysBefore = 30
export const historyHoursAfter = 48

/**
 * Runs placed around the anchor so a freshly started sandbox always shows work in flight:
 * some running (one of them bound to fail) and, on puq, some still queued.
 */
type PlantedRun = {
  workflow: number
  startOffsetMs: number
  durationMs: number
  queueMs: number
  outcome: number
}

const plantedRuns: Record<VendorName, readonly PlantedRun[]> = {
  trigify: [
    { workflow: 0, startOffsetMs: -90_000, durationMs: 6 * 60_000, queueMs: 0, outcome: SUCCEEDED },
    {
      workflow: 3,
      startOffsetMs: -4 * 60_000,
      durationMs: 25 * 60_000,
      queueMs: 0,
      outcome: FAILED,
    },
    {
      workflow: 7,
      startOffsetMs: -11 * 60_000,
      durationMs: 45 * 60_000,
      queueMs: 0,
      outcome: SUCCEEDED,
    },
  ],
  puq: [
    {
      workflow: 0,
      startOffsetMs: -2 * 60_000,
      durationMs: 12 * 60_000,
      queueMs: 1_200,
      outcome: SUCCEEDED,
    },
    {
      workflow: 2,
      startOffsetMs: -9 * 60_000,
      durationMs: 40 * 60_000,
      queueMs: 2_300,
      outcome: FAILED,
    },
    {
      workflow: 7,
      startOffsetMs: 4 * 60_000,
      durationMs: 60_000,
      queueMs: 5 * 60_000,
      outcome: SUCCEEDED,
    },
    {
      workflow: 8,
      startOffsetMs: 90_000,
      durationMs: 3 * 60_000,
      queueMs: 2 * 60_000,
      outcome: SUCCEEDED,
    },
  ],
}

/** Typical wait in the queue per trigger type (puq): sync webhooks jump the queue. */
const medianQueueMs: Record<PuqRunType, number> = {
  WEBHOOK_SYNC: 60,
  WEBHOOK_ASYNC: 900,
  SCHEDULE: 2_500,
  TEST: 400,
}

export function generateHistory(options: HistoryOptions): SandboxData {
  const { seed, anchorMs } = options
  const runs = Math.max(0, Math.floor(options.runs))
  const fromMs = anchorMs - historyDaysBefore * day
  const untilMs = anchorMs + historyHoursAfter * hour
  const trigifyRuns = Math.floor(runs / 2)
  const range = { fromMs, untilMs, anchorMs }
  return {
    seed,
    runs,
    anchorMs,
    fromMs,
    untilMs,
    trigify: generateVendor('trigify', trigifyWorkflows, trigifyRuns, seed, range),
    puq: generateVendor('puq', puqWorkflows, runs - trigifyRuns, seed, range),
  }
}

type Range = { fromMs: number; untilMs: number; anchorMs: number }

function generateVendor(
  vendor: VendorName,
  specs: readonly WorkflowSpec[],
  runs: number,
  seed: number,
  range: Range,
): VendorHistory {
  const rng = createRng(mixSeed(seed, vendor === 'trigify' ? 1 : 2))
  const workflows = specs.map((spec, index) => buildWorkflow(vendor, spec, index, rng, range))
  const planted = runs > 0 ? plantedRuns[vendor] : []

  const totalWeight = specs.reduce((sum, spec) => sum + spec.weight, 0)
  const timesPerWorkflow = specs.map((spec, index) => {
    const share = Math.round((runs * spec.weight) / totalWeight)
    const extra = planted.filter((run) => run.workflow === index)
    const times = new Float64Array(share + extra.length)
    fillStartTimes(times, share, spec, rng, range)
    extra.forEach((run, offset) => {
      times[share + offset] = range.anchorMs + run.startOffsetMs
    })
    return times.sort()
  })

  const count = timesPerWorkflow.reduce((sum, times) => sum + times.length, 0)
  const started = new Float64Array(count)
  const workflow = new Uint8Array(count)
  mergeNewestFirst(timesPerWorkflow, started, workflow)

  const created = vendor === 'puq' ? new Float64Array(count) : started
  const ended = new Float64Array(count)
  const outcome = new Uint8Array(count)
  const errorIndex = new Uint8Array(count).fill(noError)
  const runType = new Uint8Array(count)
  const incidents = specs.map((spec) => buildIncidents(spec, rng, range))
  const durationHints = specs.map((spec) => spec.errors.map((error) => durationHint(error.message)))
  const plantedByKey = new Map(
    planted.map((run) => [plantKey(range.anchorMs + run.startOffsetMs, run.workflow), run]),
  )
  const typeIndex = (type: string): number =>
    Math.max(
      0,
      puqRunTypes.findIndex((t) => t === type),
    )
  let settleMs = 0

  for (let row = 0; row < count; row++) {
    const w = workflow[row] ?? 0
    const spec = specs[w]
    if (!spec) throw new Error(`workflow ${w} missing`)
    const start = started[row] ?? 0
    const type = vendor === 'puq' && rng.chance(0.02) ? 3 : typeIndex(spec.trigger)
    let duration = Math.min(
      maxRunMs,
      Math.max(80, Math.round(rng.logNormal(spec.medianMs, spec.sigma))),
    )
    let result = SUCCEEDED
    let error = noError
    const incident = incidents[w]?.find((window) => start >= window.fromMs && start < window.toMs)
    const failureRate = incident ? 0.6 : spec.failureRate
    const roll = rng.next()
    if (vendor === 'puq' && roll < spec.pausedRate) {
      result = PAUSED
      duration = Math.max(80, Math.round(duration * (0.3 + 0.5 * rng.next())))
    } else if (vendor === 'puq' && roll < spec.pausedRate + spec.cancelledRate) {
      result = CANCELLED
      duration = Math.max(80, Math.round(duration * rng.next()))
    } else if (
      roll < spec.pausedRate + spec.cancelledRate + failureRate &&
      spec.errors.length > 0
    ) {
      result = FAILED
      error = incident ? incident.errorIndex : rng.weighted(spec.errors.map((e) => e.weight))
      const hint = durationHints[w]?.[error]
      duration = hint
        ? Math.min(maxRunMs, hint + rng.int(5, 900))
        : Math.max(80, Math.round(duration * (0.15 + 0.85 * rng.next())))
    }
    let queue =
      vendor === 'puq'
        ? Math.min(maxQueueMs, Math.round(rng.logNormal(medianQueueMs[puqRunTypeAt(type)], 1.1)))
        : 0

    if (Math.abs(start - range.anchorMs) < hour) {
      const plant = plantedByKey.get(plantKey(start, w))
      if (plant) {
        duration = plant.durationMs
        queue = vendor === 'puq' ? plant.queueMs : 0
        result = plant.outcome
        error = plant.outcome === FAILED ? 0 : noError
      }
    }

    ended[row] = start + duration
    created[row] = start - queue
    outcome[row] = result
    errorIndex[row] = error
    runType[row] = type
    if (duration > settleMs) settleMs = duration
    if (queue > settleMs) settleMs = queue
  }

  const indexes = buildIndexes(workflow, outcome, specs.length, listingOrder(created, started))
  return {
    vendor,
    workflows,
    count,
    created,
    started,
    ended,
    workflow,
    outcome,
    errorIndex,
    runType,
    ...indexes,
    settleMs,
    runIds: createRunIdCodec(mixSeed(seed, vendor === 'trigify' ? 11 : 12), 'run_'),
    errorSeed: mixSeed(seed, vendor === 'trigify' ? 21 : 22),
  }
}

export function puqRunTypeAt(index: number): PuqRunType {
  return puqRunTypes[index] ?? 'WEBHOOK_ASYNC'
}

function plantKey(startMs: number, workflowIndex: number): number {
  return startMs * 32 + workflowIndex
}

function buildWorkflow(
  vendor: VendorName,
  spec: WorkflowSpec,
  index: number,
  rng: Rng,
  range: Range,
): WorkflowRecord {
  const id = vendor === 'trigify' ? `wf_${randomSlug(rng, 6)}` : `workflow_${randomSlug(rng, 8)}`
  const createdMs = Math.round(range.fromMs - rng.int(3, 300) * day - rng.next() * day)
  const lastEdit = range.anchorMs - day
  const versionTimes = spec.versionNames
    .slice(1)
    .map(() => Math.round(range.fromMs + rng.next() * (lastEdit - range.fromMs)))
    .sort((a, b) => a - b)
  const versions = spec.versionNames.map((name, order) => ({
    id: `version_${randomSlug(rng, 6)}`,
    name,
    sinceMs: order === 0 ? createdMs : (versionTimes[order - 1] ?? createdMs),
  }))
  const lastVersionMs = versions[versions.length - 1]?.sinceMs ?? createdMs
  const updatedMs = Math.max(
    lastVersionMs,
    Math.round(createdMs + rng.next() * (lastEdit - createdMs)),
  )
  return { index, id, spec, createdMs, updatedMs, versions }
}

/** Office hours (UTC) on weekdays get most traffic; nights and weekends a trickle. */
function trafficWeight(timeMs: number): number {
  const date = new Date(timeMs)
  const hourOfDay = date.getUTCHours()
  const weekday = date.getUTCDay()
  const isWeekend = weekday === 0 || weekday === 6
  const isOfficeHours = hourOfDay >= 7 && hourOfDay < 19
  return (isOfficeHours ? 1 : 0.3) * (isWeekend ? 0.4 : 1)
}

function fillStartTimes(
  times: Float64Array,
  count: number,
  spec: WorkflowSpec,
  rng: Rng,
  range: Range,
): void {
  const span = range.untilMs - range.fromMs
  if (spec.isScheduled) {
    const period = span / Math.max(1, count)
    const jitter = Math.min(period * 0.05, 4_000)
    for (let k = 0; k < count; k++) {
      times[k] = Math.floor(range.fromMs + k * period + rng.next() * jitter)
    }
    return
  }
  const burstRuns = Math.round(count * spec.burstShare)
  const burstCount = Math.max(1, Math.round(burstRuns / 30))
  const burstCenters = Array.from({ length: burstCount }, () => range.fromMs + rng.next() * span)
  for (let k = 0; k < count; k++) {
    let time: number
    if (k < burstRuns) {
      const center = burstCenters[k % burstCount] ?? range.fromMs
      time = Math.min(range.untilMs - 1, center + rng.exponential(4 * 60_000))
    } else {
      do {
        time = range.fromMs + rng.next() * span
      } while (rng.next() > trafficWeight(time))
    }
    times[k] = Math.floor(time)
  }
}

/** k-way merge of per-workflow ascending times into rows sorted newest first. */
function mergeNewestFirst(
  timesPerWorkflow: readonly Float64Array[],
  started: Float64Array,
  workflow: Uint8Array,
): void {
  const cursors = timesPerWorkflow.map((times) => times.length - 1)
  for (let row = 0; row < started.length; row++) {
    let best = -1
    let bestTime = -Infinity
    for (let w = 0; w < cursors.length; w++) {
      const cursor = cursors[w] ?? -1
      if (cursor < 0) continue
      const time = timesPerWorkflow[w]?.[cursor] ?? -Infinity
      if (time > bestTime) {
        bestTime = time
        best = w
      }
    }
    started[row] = bestTime
    workflow[row] = best
    cursors[best] = (cursors[best] ?? 0) - 1
  }
}

type Incident = { fromMs: number; toMs: number; errorIndex: number }

/** A couple of outage windows per workflow, where one error dominates for an hour or two. */
function buildIncidents(spec: WorkflowSpec, rng: Rng, range: Range): Incident[] {
  if (spec.errors.length === 0) return []
  return Array.from({ length: rng.int(1, 3) }, () => {
    const fromMs = range.fromMs + rng.next() * (range.anchorMs - range.fromMs)
    return {
      fromMs,
      toMs: fromMs + rng.int(30, 180) * 60_000,
      errorIndex: rng.int(0, spec.errors.length - 1),
    }
  })
}

/** A timeout error should take as long as it says it waited. */
function durationHint(message: string): number | null {
  const match = /(?:after|of) (\d+) ?(ms|s)\b/.exec(message)
  if (!match) return null
  const value = Number(match[1]) * (match[2] === 's' ? 1000 : 1)
  return value <= maxRunMs ? value : null
}

/** Every row, newest `created` first; rows created at the same instant in row order. */
function listingOrder(created: Float64Array, started: Float64Array): Int32Array {
  const order = Int32Array.from({ length: created.length }, (_, row) => row)
  // Created as they start: row order (newest start first) already is the listing order.
  if (created === started) return order
  return order.sort((a, b) => (created[b] ?? 0) - (created[a] ?? 0) || a - b)
}

function buildIndexes(
  workflow: Uint8Array,
  outcome: Uint8Array,
  workflowCount: number,
  order: Int32Array,
): Pick<VendorHistory, 'byWorkflow' | 'byWorkflowOutcome' | 'byOutcome' | 'all'> {
  const outcomeCount = outcomeNames.length
  const perWorkflow = new Int32Array(workflowCount)
  const perPair = new Int32Array(workflowCount * outcomeCount)
  const perOutcome = new Int32Array(outcomeCount)
  for (let row = 0; row < workflow.length; row++) {
    const w = workflow[row] ?? 0
    const o = outcome[row] ?? 0
    perWorkflow[w] = (perWorkflow[w] ?? 0) + 1
    perPair[w * outcomeCount + o] = (perPair[w * outcomeCount + o] ?? 0) + 1
    perOutcome[o] = (perOutcome[o] ?? 0) + 1
  }
  const byWorkflow = Array.from(perWorkflow, (size) => new Int32Array(size))
  const byWorkflowOutcome = Array.from({ length: workflowCount }, (_, w) =>
    Array.from(
      { length: outcomeCount },
      (_, o) => new Int32Array(perPair[w * outcomeCount + o] ?? 0),
    ),
  )
  const byOutcome = Array.from(perOutcome, (size) => new Int32Array(size))
  const fillWorkflow = new Int32Array(workflowCount)
  const fillPair = new Int32Array(workflowCount * outcomeCount)
  const fillOutcome = new Int32Array(outcomeCount)
  for (const row of order) {
    const w = workflow[row] ?? 0
    const o = outcome[row] ?? 0
    const pair = w * outcomeCount + o
    const ofWorkflow = byWorkflow[w]
    if (ofWorkflow) ofWorkflow[bump(fillWorkflow, w)] = row
    const ofPair = byWorkflowOutcome[w]?.[o]
    if (ofPair) ofPair[bump(fillPair, pair)] = row
    const ofOutcome = byOutcome[o]
    if (ofOutcome) ofOutcome[bump(fillOutcome, o)] = row
  }
  return { byWorkflow, byWorkflowOutcome, byOutcome, all: order }
}

/** Returns the counter's value and increments it. */
function bump(counters: Int32Array, index: number): number {
  const value = counters[index] ?? 0
  counters[index] = value + 1
  return value
}
