/**
 * The steps answer: per (workflow, step) failures, retries and durations over a window. A
 * vendor with step detail (puq) is read from the steps the sync fetched; one without
 * (Trigify) from the steps its errors name, and the basis says which.
 */
import type { StepsQuery } from '../../shared/api-params'
import type { StepsResponse } from '../../shared/failures-model'
import type { RunStore } from '../store/types'
import type { SourceSync } from '../sync/source-sync'
import { coverageOf } from './runs-page'
import { resolveWindow } from './time-window'

export async function stepsAnswer(
  store: RunStore,
  sync: SourceSync,
  query: StepsQuery,
  nowMs: number,
): Promise<StepsResponse> {
  const { fromMs, toMs } = resolveWindow(query, nowMs)
  const filter = { sources: [sync.source], workflow: query.workflow, fromMs, toMs }
  const basis = sync.feed.info.capabilities.stepDetail ? 'steps' : 'errors-only'
  const [stats, coverage] = await Promise.all([
    store.stepStats(filter, basis),
    coverageOf(sync, filter),
  ])
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    basis: stats.basis,
    runsRead: stats.runsRead,
    steps: stats.steps.map((step) => ({
      ...step,
      failureRate: step.runs === null || step.runs === 0 ? null : step.failures / step.runs,
    })),
    ...(coverage === undefined ? {} : { coverage }),
  }
}
