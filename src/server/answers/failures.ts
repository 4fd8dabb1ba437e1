/**
 * The failure inbox answer: the window's failed runs grouped by cause, newest history aware
 * (a group first seen inside the window is new), with `coverage` while the backfill has not
 * reached the window's start, since older occurrences may still move a first-seen back.
 */
import type { FailuresQuery } from '../../shared/api-params'
import type { FailureGroup, FailuresResponse } from '../../shared/failures-model'
import type { FailureGroup as StoredGroup, RunStore } from '../store/types'
import type { SourceSync } from '../sync/source-sync'
import { coverageOf } from './runs-page'
import { resolveWindow } from './time-window'

const dayMs = 86_400_000

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Every UTC day the window touches, zeros included, so a sparkline needs no gap logic. */
function dailyOf(group: StoredGroup, fromMs: number, toMs: number): FailureGroup['daily'] {
  const counts = new Map(group.daily.map((d) => [d.dayMs, d.count]))
  const days: FailureGroup['daily'] = []
  for (let day = fromMs - (fromMs % dayMs); day < toMs; day += dayMs) {
    days.push({ day: isoDay(day), count: counts.get(day) ?? 0 })
  }
  return days
}

function toFailureGroup(group: StoredGroup, fromMs: number, toMs: number): FailureGroup {
  return {
    fingerprint: group.fingerprint,
    workflowId: group.workflowId,
    ...(group.workflowName === null ? {} : { workflowName: group.workflowName }),
    ...(group.step === null ? {} : { step: group.step }),
    message: group.message,
    ...(group.sample === null ? {} : { sample: group.sample }),
    count: group.count,
    firstSeenAt: new Date(group.firstSeenMs).toISOString(),
    lastSeenAt: new Date(group.lastSeenMs).toISOString(),
    daily: dailyOf(group, fromMs, toMs),
    versions: group.versions,
    isNew: group.firstSeenMs >= fromMs,
  }
}

export async function failuresAnswer(
  store: RunStore,
  sync: SourceSync,
  query: FailuresQuery,
  nowMs: number,
): Promise<FailuresResponse> {
  const { fromMs, toMs } = resolveWindow(query, nowMs)
  const filter = { sources: [sync.source], workflow: query.workflow, fromMs, toMs }
  const [{ groups, totalFailed, withoutDetail }, coverage] = await Promise.all([
    store.failureGroups(filter),
    coverageOf(sync, filter),
  ])
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    groups: groups.map((group) => toFailureGroup(group, fromMs, toMs)),
    totalFailed,
    ...(sync.feed.info.capabilities.stepDetail ? { awaitingDetail: withoutDetail } : {}),
    ...(coverage === undefined ? {} : { coverage }),
  }
}
