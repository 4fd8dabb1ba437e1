/**
 * Test data built from the shared types, so a change to the model breaks the fixtures at
 * compile time rather than silently testing an old shape.
 */
import type { Run, RunPage, Source, Workflow } from '../../shared/model'
import type { RunStatus } from '../../shared/run-status'

export const fixtureNow = Date.parse('2026-11-20T12:00:00.000Z')

const capabilities = {
  puq: {
    crossWorkflowListing: true,
    upstreamStatusFilter: true,
    stepDetail: true,
    exactTotals: true,
  },
  trigify: {
    crossWorkflowListing: false,
    upstreamStatusFilter: false,
    stepDetail: false,
    exactTotals: false,
  },
} as const

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
