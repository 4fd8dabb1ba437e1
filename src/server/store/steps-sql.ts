/**
 * Step analytics of a window, per (workflow, step). With step detail (puq) each run's steps
 * are read and folded by step name the way `failedStepOf` decides a failure: the last attempt
 * (highest `attempt`, later on a tie) is the step's outcome and duration, and any attempt past
 * the first is a retry. Without it (Trigify) only failed runs' errors name a step, so only
 * failures per step are known, and the answer says so by its basis.
 */
import type { Step } from '../../shared/model'
import type { Db } from './db'
import { whereOf } from './filter-sql'
import { stepsFromJson } from './rows'
import type { RunFilter, StepStat, StepStats } from './types'

type Num = number | string

type Tally = { stat: StepStat; durations: number[] }

/** Nearest rank: the value at rank ceil(q·n) of the sorted values. */
function rank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? null
}

/** Each step name once: its last attempt and how many attempts it took. */
function lastAttempts(steps: readonly Step[]): Map<string, { last: Step; attempts: number }> {
  const byName = new Map<string, { last: Step; attempts: number }>()
  for (const step of steps) {
    const seen = byName.get(step.name)
    if (seen === undefined) byName.set(step.name, { last: step, attempts: step.attempt })
    else {
      if (step.attempt >= seen.last.attempt) seen.last = step
      seen.attempts = Math.max(seen.attempts, step.attempt)
    }
  }
  return byName
}

/** Code-point order: the same on every machine, whatever its locale. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function worstFirst(a: StepStat, b: StepStat): number {
  const rate = (s: StepStat) => (s.runs === null || s.runs === 0 ? 0 : s.failures / s.runs)
  return (
    rate(b) - rate(a) ||
    b.failures - a.failures ||
    byCode(a.workflowId, b.workflowId) ||
    byCode(a.step, b.step)
  )
}

async function fromSteps(db: Db, filter: RunFilter): Promise<StepStats> {
  const where = whereOf(filter)
  const rows = await db.all<{ workflow_id: string; steps_json: string }>(
    `SELECT workflow_id, steps_json FROM runs
     WHERE ${where.sql} AND sort_ms IS NOT NULL AND steps_json IS NOT NULL`,
    where.params,
  )
  const tallies = new Map<string, Tally>()
  for (const row of rows) {
    for (const [name, { last, attempts }] of lastAttempts(stepsFromJson(row.steps_json) ?? [])) {
      const key = JSON.stringify([row.workflow_id, name])
      let tally = tallies.get(key)
      if (tally === undefined) {
        tally = {
          stat: {
            workflowId: row.workflow_id,
            step: name,
            runs: 0,
            failures: 0,
            retried: 0,
            p50Ms: null,
            p95Ms: null,
          },
          durations: [],
        }
        tallies.set(key, tally)
      }
      const { stat } = tally
      stat.runs = (stat.runs ?? 0) + 1
      if (last.status === 'failed') stat.failures += 1
      if (attempts > 1) stat.retried = (stat.retried ?? 0) + 1
      if (last.durationMs !== undefined) tally.durations.push(last.durationMs)
    }
  }
  const steps = [...tallies.values()].map(({ stat, durations }) => {
    const sorted = durations.sort((a, b) => a - b)
    return { ...stat, p50Ms: rank(sorted, 0.5), p95Ms: rank(sorted, 0.95) }
  })
  return { basis: 'steps', runsRead: rows.length, steps: steps.sort(worstFirst) }
}

async function fromErrors(db: Db, filter: RunFilter): Promise<StepStats> {
  const where = whereOf({ ...filter, status: ['failed'] })
  const rows = await db.all<{ workflow_id: string; failed_step: string | null; n: Num }>(
    `SELECT workflow_id, failed_step, COUNT(*) AS n FROM runs
     WHERE ${where.sql} AND sort_ms IS NOT NULL GROUP BY workflow_id, failed_step`,
    where.params,
  )
  let runsRead = 0
  const steps: StepStat[] = []
  for (const row of rows) {
    runsRead += Number(row.n)
    // An error that names no step is counted in runsRead and belongs to no row.
    if (row.failed_step === null) continue
    steps.push({
      workflowId: row.workflow_id,
      step: row.failed_step,
      runs: null,
      failures: Number(row.n),
      retried: null,
      p50Ms: null,
      p95Ms: null,
    })
  }
  return { basis: 'errors-only', runsRead, steps: steps.sort(worstFirst) }
}

export function stepStats(
  db: Db,
  filter: RunFilter,
  basis: StepStats['basis'],
): Promise<StepStats> {
  return basis === 'steps' ? fromSteps(db, filter) : fromErrors(db, filter)
}
