/**
 * Per-step breakdown of a puq run, built on demand from the row number and the seed instead
 * of being stored: a million runs times up to twelve steps would not fit the memory budget,
 * and only the run someone opens is ever asked for. The plan always agrees with the run: steps
 * lie inside its span, a failed run ends on a FAILED step carrying the run's error.
 */
import { CANCELLED, FAILED, PAUSED } from './history'
import type { VendorHistory } from './history'
import { errorTextOf, renderErrorTemplate } from './error-text'
import { createRng, mixSeed } from './rng'
import { PENDING, stateAt } from './run-view'

const maxStepRows = 12
const transientErrors = [
  'HTTP 429 Too Many Requests (retry after {seconds}s)',
  'Request timed out after 30s ({requestId})',
  'read ECONNRESET on {int:1-9}.{int:0-255}.{int:0-255}.{int:1-254}:443',
  'HTTP 503 Service Unavailable after {ms} ms',
] as const
const cancelledError = 'Execution cancelled by user'

export type PlannedStep = {
  /** Index into the workflow's steps; 0 is the trigger. */
  step: number
  attempt: number
  status: 'SUCCEEDED' | 'FAILED' | 'PENDING'
  error: string | null
  /** Null for steps the run has not reached (a paused run's remainder). */
  startMs: number | null
  endMs: number | null
}

export type PuqStep = {
  id: string
  step_name: string
  step_type: 'TRIGGER' | 'PIECE'
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED'
  attempt: number
  error: string | null
  duration: number
  created_at: string
  started_at: string | null
  finished_at: string | null
}

/** The steps a run goes through from start to its final outcome, regardless of the clock. */
export function planSteps(history: VendorHistory, row: number, seed: number): PlannedStep[] {
  const rng = createRng(mixSeed(seed, 0x57e9, row))
  const spec = history.workflows[history.workflow[row] ?? 0]?.spec
  if (!spec) return []
  const stepCount = spec.steps.length
  const outcome = history.outcome[row]
  const lastPiece = stepCount - 1
  const clampPiece = (step: number): number => Math.min(lastPiece, Math.max(1, step))

  let reached = lastPiece
  let finalAttempts = 1
  let terminalError: string | null = null
  let pendingFrom = stepCount
  if (outcome === FAILED) {
    const error = spec.errors[history.errorIndex[row] ?? 0]
    reached = clampPiece(error?.step ?? rng.int(1, lastPiece))
    finalAttempts = rng.int(1, 3)
    terminalError = errorTextOf(history, row) ?? 'Step failed'
  } else if (outcome === CANCELLED) {
    reached = rng.int(1, lastPiece)
    terminalError = cancelledError
  } else if (outcome === PAUSED) {
    const waitStep = spec.steps.findIndex((step) => step.name.startsWith('wait_'))
    pendingFrom = waitStep > 0 ? waitStep : rng.int(1, lastPiece)
    reached = pendingFrom - 1
  }

  const baseRows = (outcome === PAUSED ? stepCount : reached + 1) + finalAttempts - 1
  let retryBudget = Math.max(0, maxStepRows - baseRows)
  finalAttempts = Math.min(finalAttempts, 1 + Math.max(0, maxStepRows - (reached + 1)))

  const planned: PlannedStep[] = []
  const segmentWeights: number[] = []
  for (let step = 0; step <= reached; step++) {
    const isTerminal = terminalError !== null && step === reached
    let failedAttempts = isTerminal ? finalAttempts - 1 : 0
    if (!isTerminal && step > 0 && retryBudget > 0 && rng.chance(0.07)) {
      failedAttempts = Math.min(retryBudget, rng.chance(0.25) ? 2 : 1)
      retryBudget -= failedAttempts
    }
    for (let attempt = 1; attempt <= failedAttempts + 1; attempt++) {
      const isLast = attempt === failedAttempts + 1
      const failsHere = !isLast || isTerminal
      planned.push({
        step,
        attempt,
        status: failsHere ? 'FAILED' : 'SUCCEEDED',
        error: failsHere
          ? isTerminal
            ? terminalError
            : renderErrorTemplate(rng.pick(transientErrors), rng)
          : null,
        startMs: null,
        endMs: null,
      })
      // The trigger is instant; retries wait a back-off before the next attempt.
      segmentWeights.push(attempt > 1 ? 0.4 : 0)
      segmentWeights.push(step === 0 ? 0.03 : rng.logNormal(1, 0.7))
    }
  }

  const startMs = history.started[row] ?? 0
  const spanMs = (history.ended[row] ?? startMs) - startMs
  const totalWeight = segmentWeights.reduce((sum, weight) => sum + weight, 0) || 1
  let cumulative = 0
  const boundary = (): number => startMs + Math.round((spanMs * cumulative) / totalWeight)
  planned.forEach((plannedStep, index) => {
    cumulative += segmentWeights[index * 2] ?? 0
    plannedStep.startMs = boundary()
    cumulative += segmentWeights[index * 2 + 1] ?? 0
    plannedStep.endMs = index === planned.length - 1 ? startMs + spanMs : boundary()
  })

  for (let step = pendingFrom; step < stepCount; step++) {
    planned.push({ step, attempt: 1, status: 'PENDING', error: null, startMs: null, endMs: null })
  }
  return planned
}

/** The steps as puq reports them at `nowMs`: unreached steps PENDING, the current one RUNNING. */
export function toPuqSteps(
  history: VendorHistory,
  row: number,
  runId: string,
  seed: number,
  nowMs: number,
): PuqStep[] {
  const spec = history.workflows[history.workflow[row] ?? 0]?.spec
  const createdAt = new Date(history.created[row] ?? 0).toISOString()
  const isQueued = stateAt(history, row, nowMs) === PENDING
  const steps: PuqStep[] = []
  for (const planned of planSteps(history, row, seed)) {
    const notStarted = isQueued || planned.startMs === null || planned.startMs > nowMs
    // Retries of a step that has not run yet are unknown at this instant.
    if (notStarted && planned.attempt > 1) continue
    const base: Pick<PuqStep, 'id' | 'step_name' | 'step_type' | 'attempt'> = {
      id: `step_${runId.slice(4)}_${steps.length + 1}`,
      step_name: spec?.steps[planned.step]?.name ?? `step_${planned.step}`,
      step_type: planned.step === 0 ? 'TRIGGER' : 'PIECE',
      attempt: planned.attempt,
    }
    if (notStarted || planned.startMs === null || planned.endMs === null) {
      steps.push({
        ...base,
        status: 'PENDING',
        error: null,
        duration: 0,
        created_at: createdAt,
        started_at: null,
        finished_at: null,
      })
      continue
    }
    const startedAt = new Date(planned.startMs).toISOString()
    if (planned.endMs > nowMs) {
      steps.push({
        ...base,
        status: 'RUNNING',
        error: null,
        duration: (nowMs - planned.startMs) / 1000,
        created_at: startedAt,
        started_at: startedAt,
        finished_at: null,
      })
      continue
    }
    steps.push({
      ...base,
      status: planned.status === 'FAILED' ? 'FAILED' : 'SUCCEEDED',
      error: planned.error,
      duration: (planned.endMs - planned.startMs) / 1000,
      created_at: startedAt,
      started_at: startedAt,
      finished_at: new Date(planned.endMs).toISOString(),
    })
  }
  return steps
}
