/**
 * The step timeline's geometry, kept pure so it is tested on plain data and computed once per
 * render (memoized) even for runs with hundreds of steps. Every bar is placed on one time axis
 * that starts when the run started and ends when it finished (or now, while it runs), in
 * percent so the DOM needs no measuring.
 */
import type { Step } from '../../../shared/model'
import { isProgressingStatus, type RunStatus } from '../../../shared/run-status'

/** The run fields the axis rests on; a RunDetail fits. */
export type TimelineRun = {
  status: RunStatus
  /** The run's error; the failed step usually carries the same text. */
  error?: string | undefined
  createdAt?: string | undefined
  startedAt?: string | undefined
  finishedAt?: string | undefined
  durationMs?: number | undefined
  failedStep?: string | undefined
}

export type TimelineBar = {
  /** Distance of the bar's start from the axis start, in percent of the axis. */
  offsetPct: number
  /** Never below the minimum width, so instant steps stay visible and clickable. */
  widthPct: number
  /** The end is now because the step is still running: the bar grows on the next render. */
  isOpenEnded: boolean
  /** Only the start is known; the bar is a marker of minimum width. */
  isEndUnknown: boolean
}

export type TimelineRow = {
  step: Step
  /** Position in the vendor's list, so the original order can always be recovered. */
  sourceIndex: number
  /** Step name: attempts of one step share it. */
  groupKey: string
  /** How many attempts the group has; more than one means the step was retried. */
  attemptCount: number
  /** 0-based position of this attempt within its group. */
  attemptIndex: number
  isFirstInGroup: boolean
  isLastInGroup: boolean
  /** Milliseconds from the axis start to the step's start, when known. */
  startOffsetMs?: number | undefined
  /** Known or measured duration; for a running step, the time it has run so far. */
  durationMs?: number | undefined
  bar: TimelineBar | null
  /** The step the run failed on (its last attempt failed too). */
  isFailedStep: boolean
}

export type TimelineTick = { offsetMs: number; offsetPct: number }

export type TimelineLayout = {
  rows: TimelineRow[]
  /** Epoch ms of the axis start, or null when no time at all is known. */
  axisStartMs: number | null
  axisSpanMs: number
  ticks: TimelineTick[]
  failedStepId?: string | undefined
  /** How many steps have no usable start time (listed, but without a bar). */
  untimedCount: number
}

export type TimelineOptions = {
  /** Narrowest bar, in percent of the axis. */
  minWidthPct?: number
  /** Upper bound on tick labels (the axis picks a round interval that fits). */
  maxTicks?: number
}

const defaultMinWidthPct = 0.6
const defaultMaxTicks = 5

function toMs(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : ms
}

type StepTimes = {
  startMs?: number | undefined
  endMs?: number | undefined
  isOpenEnded: boolean
}

/**
 * What the vendor told us about a step's time, completed where it can be: a missing start from
 * end minus duration, a missing end from start plus duration, and "now" while it runs.
 */
export function stepTimes(step: Step, nowMs: number): StepTimes {
  let startMs = toMs(step.startedAt)
  let endMs = toMs(step.finishedAt)
  if (startMs === undefined && endMs !== undefined && step.durationMs !== undefined) {
    startMs = endMs - step.durationMs
  }
  if (endMs === undefined && startMs !== undefined && step.durationMs !== undefined) {
    endMs = startMs + step.durationMs
  }
  if (endMs === undefined && startMs !== undefined && step.status === 'running') {
    return { startMs, endMs: Math.max(nowMs, startMs), isOpenEnded: true }
  }
  // A clock skew between vendor hosts must not produce a bar that ends before it starts.
  if (startMs !== undefined && endMs !== undefined && endMs < startMs) endMs = startMs
  return { startMs, endMs, isOpenEnded: false }
}

/** Axis start: the run's start, pulled earlier if a step claims to start before it. */
function axisStart(run: TimelineRun, times: StepTimes[]): number | null {
  const candidates = times.map((time) => time.startMs).filter((ms) => ms !== undefined)
  const runStart = toMs(run.startedAt)
  if (runStart !== undefined) candidates.push(runStart)
  if (candidates.length === 0) {
    const created = toMs(run.createdAt)
    return created ?? null
  }
  return Math.min(...candidates)
}

/** Axis end: the run's end, or now while it runs, pushed later if a step ends after it. */
function axisEnd(run: TimelineRun, times: StepTimes[], startMs: number, nowMs: number): number {
  const candidates: number[] = [startMs]
  const runEnd = toMs(run.finishedAt)
  if (runEnd !== undefined) candidates.push(runEnd)
  else if (isProgressingStatus(run.status)) candidates.push(nowMs)
  const runStart = toMs(run.startedAt)
  if (runEnd === undefined && runStart !== undefined && run.durationMs !== undefined) {
    candidates.push(runStart + run.durationMs)
  }
  for (const time of times) {
    if (time.endMs !== undefined) candidates.push(time.endMs)
    if (time.startMs !== undefined) candidates.push(time.startMs)
  }
  return Math.max(...candidates)
}

const niceIntervalsMs = [
  1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000,
  120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000,
  43_200_000, 86_400_000,
]

/** Round tick positions (0, 2 s, 4 s…) so labels read as plain offsets from the run's start. */
export function axisTicks(spanMs: number, maxTicks = defaultMaxTicks): TimelineTick[] {
  if (!(spanMs > 0)) return [{ offsetMs: 0, offsetPct: 0 }]
  const fits = (interval: number) => Math.floor(spanMs / interval) + 1 <= Math.max(2, maxTicks)
  const interval =
    niceIntervalsMs.find(fits) ??
    Math.ceil(spanMs / Math.max(1, maxTicks - 1) / 86_400_000) * 86_400_000
  const ticks: TimelineTick[] = []
  for (let offsetMs = 0; offsetMs <= spanMs; offsetMs += interval) {
    ticks.push({ offsetMs, offsetPct: (offsetMs / spanMs) * 100 })
  }
  return ticks
}

function reportedDuration(step: Step, time: StepTimes, measured: number | undefined) {
  // A running step's reported duration is stale by the time it is shown; measure instead.
  if (time.isOpenEnded) return measured
  // puq reports `duration: 0` for steps that have not started: that is "unknown", not instant.
  if (step.status === 'pending' && time.startMs === undefined) return undefined
  return step.durationMs ?? measured
}

function placeBar(
  times: StepTimes,
  originMs: number,
  spanMs: number,
  minWidthPct: number,
): TimelineBar | null {
  if (times.startMs === undefined) return null
  const rawOffset = ((times.startMs - originMs) / spanMs) * 100
  const rawWidth = times.endMs === undefined ? 0 : ((times.endMs - times.startMs) / spanMs) * 100
  const widthPct = Math.min(100, Math.max(minWidthPct, rawWidth))
  // Keep the whole bar on the axis: a minimum-width bar at the very end shifts left.
  const offsetPct = Math.min(Math.max(0, rawOffset), 100 - widthPct)
  return {
    offsetPct,
    widthPct,
    isOpenEnded: times.isOpenEnded,
    isEndUnknown: times.endMs === undefined,
  }
}

/**
 * The step the run failed on: a failed attempt not rescued by a later successful attempt of
 * the same step. With several, the one carrying the run's own error wins, then the latest to
 * start. Falls back to the step the run's error names, matched by name.
 */
function findFailedStepId(rows: Omit<TimelineRow, 'isFailedStep'>[], run: TimelineRun) {
  const failed = rows.filter((row) => row.step.status === 'failed')
  const unrescued = failed.filter((row) => row.isLastInGroup)
  const byRunError = unrescued.filter(
    (row) => run.error !== undefined && row.step.error === run.error,
  )
  const latest = latestStarted(byRunError.length > 0 ? byRunError : unrescued)
  if (latest) return latest.step.id
  // Every failed attempt was retried successfully, yet the run failed: blame the latest one.
  const retried = run.status === 'failed' ? latestStarted(failed) : undefined
  if (retried) return retried.step.id
  if (run.failedStep === undefined) return undefined
  return rows.filter((row) => row.step.name === run.failedStep).at(-1)?.step.id
}

function latestStarted<Row extends { startOffsetMs?: number | undefined }>(
  rows: Row[],
): Row | undefined {
  let latest: Row | undefined
  for (const row of rows) {
    if (
      latest === undefined ||
      (row.startOffsetMs ?? -Infinity) >= (latest.startOffsetMs ?? -Infinity)
    ) {
      latest = row
    }
  }
  return latest
}

/**
 * Lays out the timeline: rows in the vendor's order, except that the attempts of a retried
 * step are kept together (in attempt order, at the place of the first attempt) so they can be
 * drawn as one linked group.
 */
export function layoutTimeline(
  run: TimelineRun,
  steps: readonly Step[],
  nowMs: number,
  options: TimelineOptions = {},
): TimelineLayout {
  const minWidthPct = options.minWidthPct ?? defaultMinWidthPct
  const times = steps.map((step) => stepTimes(step, nowMs))

  const groups = new Map<string, number[]>()
  steps.forEach((step, index) => {
    const members = groups.get(step.name)
    if (members) members.push(index)
    else groups.set(step.name, [index])
  })

  const originMs = axisStart(run, times)
  const spanMs = originMs === null ? 0 : axisEnd(run, times, originMs, nowMs) - originMs
  // A zero span (everything at one instant) still needs a denominator.
  const safeSpanMs = spanMs > 0 ? spanMs : 1

  const rows: Omit<TimelineRow, 'isFailedStep'>[] = []
  for (const [groupKey, members] of groups) {
    const ordered = [...members].sort((a, b) => {
      const byAttempt = (steps[a]?.attempt ?? 0) - (steps[b]?.attempt ?? 0)
      if (byAttempt !== 0) return byAttempt
      return (times[a]?.startMs ?? Infinity) - (times[b]?.startMs ?? Infinity) || a - b
    })
    ordered.forEach((index, attemptIndex) => {
      const step = steps[index]
      const time = times[index]
      if (!step || !time) return
      const measured =
        time.startMs !== undefined && time.endMs !== undefined
          ? time.endMs - time.startMs
          : undefined
      rows.push({
        step,
        sourceIndex: index,
        groupKey,
        attemptCount: ordered.length,
        attemptIndex,
        isFirstInGroup: attemptIndex === 0,
        isLastInGroup: attemptIndex === ordered.length - 1,
        startOffsetMs:
          originMs !== null && time.startMs !== undefined ? time.startMs - originMs : undefined,
        durationMs: reportedDuration(step, time, measured),
        bar: originMs === null ? null : placeBar(time, originMs, safeSpanMs, minWidthPct),
      })
    })
  }

  const failedStepId = findFailedStepId(rows, run)
  return {
    rows: rows.map((row) => ({ ...row, isFailedStep: row.step.id === failedStepId })),
    axisStartMs: originMs,
    axisSpanMs: spanMs,
    ticks: originMs === null ? [] : axisTicks(spanMs, options.maxTicks),
    failedStepId,
    untimedCount: rows.filter((row) => row.bar === null).length,
  }
}
