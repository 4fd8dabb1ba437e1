/**
 * Test data built from the shared types, so a change to the model breaks the fixtures at
 * compile time rather than silently testing an old shape.
 */
import type { Run, RunPage, RunStats, Source, Workflow } from '../../shared/model'
import { runStatuses, type RunStatus } from '../../shared/run-status'

export const fixtureNow = Date.parse('2026-11-20T12:00:00.000Z')

const capabilities = {
  puq: {
    crossWorkflowListing: true,
    upstreamStatusFilter: true,
    stepDetail: true,
    exactTotals: true,
    statuses: ['pending', 'running', 'succeeded', 'failed', 'cancelled', 'paused'],
  },
  trigify: {
    crossWorkflowListing: false,
    upstreamStatusFilter: false,
    stepDetail: false,
    exactTotals: false,
    statuses: ['running', 'succeeded', 'failed'],
  },
} satisfies Record<string, Source['capabilities']>

export const sources: Source[] = [
  {
    id: 'demo-puq',
    label: 'puq.ai demo',
    vendor: 'puq',
    isDemo: true,
    capabilities: capabilities.puq,
  },
  {
    id: 'demo-trigify',
    label: 'Trigify demo',
    vendor: 'trigify',
    isDemo: true,
    capabilities: capabilities.trigify,
  },
  {
    id: 'trigify',
    label: 'Trigify',
    vendor: 'trigify',
    isDemo: false,
    capabilities: capabilities.trigify,
  },
]

export const workflows: Workflow[] = [
  { id: 'wf_enrich', name: 'Enrich new leads' },
  { id: 'wf_sync', name: 'Nightly CRM sync' },
  { id: 'wf_alerts', name: 'Slack alerts' },
]

export function makeRun(overrides: Partial<Run> & { id: string }): Run {
  return {
    source: 'demo-puq',
    workflowId: 'wf_enrich',
    workflowName: 'Enrich new leads',
    status: 'succeeded',
    vendorStatus: 'SUCCEEDED',
    startedAt: '2026-11-20T11:00:00.000Z',
    finishedAt: '2026-11-20T11:00:04.320Z',
    durationMs: 4320,
    ...overrides,
  }
}

const cycle: RunStatus[] = ['succeeded', 'succeeded', 'failed', 'succeeded', 'running', 'cancelled']

/** 45 puq-like runs, newest first, over three workflows and a mix of statuses. */
export function makeHistory(count = 45, source = 'demo-puq'): Run[] {
  return Array.from({ length: count }, (_, index) => {
    const workflow = workflows[index % workflows.length] ?? workflows[0]
    const status = cycle[index % cycle.length] ?? 'succeeded'
    const startedAt = new Date(fixtureNow - (index + 1) * 7 * 60_000).toISOString()
    const isRunning = status === 'running'
    const durationMs = 1500 + index * 1000
    return makeRun({
      id: `run_${String(index + 1).padStart(4, '0')}`,
      source,
      workflowId: workflow?.id ?? 'wf_enrich',
      workflowName: workflow?.name,
      status,
      vendorStatus: status.toUpperCase(),
      startedAt,
      finishedAt: isRunning
        ? undefined
        : new Date(Date.parse(startedAt) + durationMs).toISOString(),
      durationMs: isRunning ? undefined : durationMs,
      error:
        status === 'failed'
          ? `Step 'Enrich profile' failed: profile ${index} not found`
          : undefined,
      trigger: 'WEBHOOK_ASYNC',
      version: 'Initial Version',
    })
  })
}

export function toRunPage(
  runs: Run[],
  params: { page: number; pageSize: number },
  extra: Partial<RunPage> = {},
): RunPage {
  const start = (params.page - 1) * params.pageSize
  return {
    items: runs.slice(start, start + params.pageSize),
    page: params.page,
    pageSize: params.pageSize,
    total: runs.length,
    totalPages: Math.ceil(runs.length / params.pageSize),
    ...extra,
  }
}

/** A stats answer over `runs`, one bar per UTC day of the window: the fake server's version. */
export function toRunStats(
  runs: Run[],
  window: { from: string; to: string },
  extra: Partial<RunStats> = {},
): RunStats {
  const fromMs = Date.parse(window.from)
  const toMs = Date.parse(window.to)
  const edges = [fromMs]
  for (let day = Math.floor(fromMs / 86_400_000) + 1; day * 86_400_000 < toMs; day += 1) {
    edges.push(day * 86_400_000)
  }
  edges.push(toMs)
  const emptyCounts = () =>
    Object.fromEntries(runStatuses.map((status) => [status, 0])) as Record<RunStatus, number>
  const buckets = edges.slice(0, -1).map((start, index) => ({
    start: new Date(start).toISOString(),
    end: new Date(edges[index + 1] ?? toMs).toISOString(),
    total: 0,
    counts: emptyCounts(),
  }))
  const totals = emptyCounts()
  for (const run of runs) {
    const ms = Date.parse(run.startedAt ?? '')
    const bucket = buckets.find(
      (candidate) => ms >= Date.parse(candidate.start) && ms < Date.parse(candidate.end),
    )
    if (!bucket) continue
    bucket.total += 1
    bucket.counts[run.status] += 1
    totals[run.status] += 1
  }
  const total = buckets.reduce((sum, bucket) => sum + bucket.total, 0)
  return {
    source: runs[0]?.source ?? 'demo-puq',
    from: window.from,
    to: window.to,
    bucket: 'day',
    timeZone: 'UTC',
    buckets,
    totals: {
      total,
      counts: totals,
      failureRate:
        totals.succeeded + totals.failed === 0
          ? null
          : totals.failed / (totals.succeeded + totals.failed),
    },
    coverage: {
      complete: true,
      scannedRuns: runs.length,
      coveredFrom: window.from,
      undatedRuns: 0,
    },
    ...extra,
  }
}
