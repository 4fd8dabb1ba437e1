/** A failure inbox answer for component tests: three groups, one new, one awaiting detail. */
import type { FailureGroup, FailuresResponse, StepsResponse } from '../../../shared/failures-model'

const day = (offset: number) => new Date(Date.UTC(2026, 10, 14 + offset)).toISOString().slice(0, 10)
const daily = (counts: number[]) => counts.map((count, index) => ({ day: day(index), count }))

export const enrichGroup: FailureGroup = {
  fingerprint: 'v1:00000000000000aa',
  workflowId: 'wf_enrich',
  workflowName: 'Enrich new leads',
  step: 'Enrich profile',
  message: "Step '<value>' failed: HTTP 429 Too Many Requests (retry after <duration>)",
  sample: "Step 'Enrich profile' failed: HTTP 429 Too Many Requests (retry after 30s)",
  count: 12,
  firstSeenAt: '2026-10-02T08:00:00.000Z',
  lastSeenAt: '2026-11-20T11:00:00.000Z',
  daily: daily([1, 0, 3, 2, 0, 4, 2, 0]),
  versions: ['v3'],
  isNew: false,
}

export const syncGroup: FailureGroup = {
  fingerprint: 'v1:00000000000000bb',
  workflowId: 'wf_sync',
  workflowName: 'Nightly CRM sync',
  step: 'Upsert rows',
  message: 'duplicate key value violates unique constraint "<value>"',
  sample: 'duplicate key value violates unique constraint "contacts_pkey"',
  count: 5,
  firstSeenAt: '2026-11-19T02:00:00.000Z',
  lastSeenAt: '2026-11-20T02:00:00.000Z',
  daily: daily([0, 0, 0, 0, 0, 2, 3, 0]),
  versions: [],
  isNew: true,
}

/** puq runs listed as failed whose step detail is not read yet: no step, no error. */
export const unreadGroup: FailureGroup = {
  fingerprint: 'v1:00000000000000cc',
  workflowId: 'wf_alerts',
  workflowName: 'Slack alerts',
  message: '',
  count: 2,
  firstSeenAt: '2026-11-20T10:00:00.000Z',
  lastSeenAt: '2026-11-20T10:30:00.000Z',
  daily: daily([0, 0, 0, 0, 0, 0, 2, 0]),
  versions: [],
  isNew: true,
}

export function failuresAnswer(
  groups: FailureGroup[] = [enrichGroup, syncGroup, unreadGroup],
  extra: Partial<FailuresResponse> = {},
): FailuresResponse {
  return {
    from: '2026-11-13T12:00:00.000Z',
    to: '2026-11-20T12:00:00.000Z',
    groups,
    totalFailed: groups.reduce((sum, group) => sum + group.count, 0),
    awaitingDetail: 2,
    ...extra,
  }
}

export const errorsOnlySteps: StepsResponse = {
  from: '2026-11-13T12:00:00.000Z',
  to: '2026-11-20T12:00:00.000Z',
  basis: 'errors-only',
  runsRead: 12,
  steps: [
    {
      workflowId: 'wf_enrich',
      step: 'Enrich profile',
      runs: null,
      failures: 12,
      failureRate: null,
      retried: null,
      p50Ms: null,
      p95Ms: null,
    },
  ],
}

export const detailSteps: StepsResponse = {
  ...errorsOnlySteps,
  basis: 'steps',
  runsRead: 40,
  steps: [
    {
      workflowId: 'wf_enrich',
      step: 'Enrich profile',
      runs: 40,
      failures: 12,
      failureRate: 0.3,
      retried: 7,
      p50Ms: 1_200,
      p95Ms: 8_400,
    },
    {
      workflowId: 'wf_enrich',
      step: 'Trigger',
      runs: 40,
      failures: 0,
      failureRate: 0,
      retried: 0,
      p50Ms: 20,
      p95Ms: 45,
    },
  ],
}
