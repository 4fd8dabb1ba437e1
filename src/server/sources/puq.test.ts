import { describe, expect, it } from 'vitest'
import { runDetailSchema, runSchema, stepSchema, workflowSchema } from '../../shared/model'
import {
  describePuqError,
  puqRunDetailSchema,
  puqRunListSchema,
  puqWorkflowListSchema,
  toRun,
  toRunDetail,
  toStep,
  toWorkflow,
} from './puq'
import { readFixture } from './read-fixture'

describe('puq mappers on the documented examples', () => {
  it('maps the documented list item', () => {
    const list = puqRunListSchema.parse(readFixture('puq-executions.documented.json'))
    const item = list.items[0]
    expect(item).toBeDefined()
    const run = runSchema.parse(toRun(item!, 'puq', 'Send welcome email'))
    expect(run).toEqual({
      id: 'run_def456',
      source: 'puq',
      workflowId: 'workflow_abc123',
      workflowName: 'Send welcome email',
      status: 'succeeded',
      vendorStatus: 'SUCCEEDED',
      createdAt: '2025-01-04T12:00:00.000Z',
      startedAt: '2025-01-04T12:00:05.000Z',
      finishedAt: '2025-01-04T12:00:20.000Z',
      durationMs: 15_500,
      version: 'Initial Version',
      trigger: 'WEBHOOK_ASYNC',
    })
    expect([list.total, list.succeeded, list.failed]).toEqual([250, 200, 30])
  })

  it('maps the documented detail with its steps in order', () => {
    const raw = puqRunDetailSchema.parse(readFixture('puq-execution-detail.documented.json'))
    const detail = runDetailSchema.parse(toRunDetail(raw, 'puq'))
    expect(detail.steps?.map((step) => [step.id, step.name, step.kind, step.durationMs])).toEqual([
      ['step_exec_123', 'manual_trigger', 'trigger', 500],
      ['step_exec_124', 'send_email', 'action', 1200],
    ])
    expect(detail.failedStep).toBeUndefined()
    expect(detail.error).toBeUndefined()
  })

  it('reads the documented error bodies', () => {
    expect(describePuqError(readFixture('puq-error-401.documented.json'))).toBe(
      'Unauthorized: Invalid or expired API key',
    )
    expect(describePuqError(readFixture('puq-error-404.documented.json'))).toBe(
      'Execution not found or access denied',
    )
    expect(describePuqError({ nope: 1 })).toBeUndefined()
  })
})

describe('puq mappers on awkward data', () => {
  const list = puqRunListSchema.parse(readFixture('puq-executions.awkward.json'))
  const runs = list.items.map((item) => runSchema.parse(toRun(item, 'puq')))
  const byId = new Map(runs.map((run) => [run.id, run]))

  it('turns nulls into absent fields', () => {
    expect(byId.get('run_nulls')).toEqual({
      id: 'run_nulls',
      source: 'puq',
      workflowId: 'workflow_abc123',
      status: 'pending',
      vendorStatus: 'PENDING',
      createdAt: '2025-01-04T12:10:00.000Z',
    })
  })

  it('keeps running runs open-ended', () => {
    const run = byId.get('run_running')
    expect(run?.status).toBe('running')
    expect(run?.finishedAt).toBeUndefined()
    expect(run?.durationMs).toBeUndefined()
  })

  it('maps an unknown status to unknown and keeps the word, normalizing offsets to UTC', () => {
    const run = byId.get('run_new_status')
    expect(run?.status).toBe('unknown')
    expect(run?.vendorStatus).toBe('QUEUED_FOR_RETRY')
    expect(run?.createdAt).toBe('2025-01-04T10:08:00.000Z')
    expect(run?.startedAt).toBe('2025-01-04T10:08:00.500Z')
    expect(run?.durationMs).toBe(100)
  })

  it('passes HTML and 10 kB errors through as plain text', () => {
    expect(byId.get('run_html')?.error).toBe(
      "<script>alert('x')</script><b>Upstream</b> &amp; failed",
    )
    expect(byId.get('run_long')?.error?.length).toBeGreaterThan(10_000)
  })

  it('borrows the failed step for a failed run, and survives odd steps', () => {
    const raw = puqRunDetailSchema.parse(readFixture('puq-execution-detail.awkward.json'))
    const detail = runDetailSchema.parse(toRunDetail(raw, 'puq', 'Send welcome email'))
    expect(detail.failedStep).toBe('call_api')
    expect(detail.error).toContain('<script>')
    expect(detail.durationMs).toBe(4250)
    const odd = raw.steps?.[2]
    expect(odd).toBeDefined()
    expect(stepSchema.parse(toStep(odd!))).toEqual({
      id: 's3',
      name: 's3',
      kind: 'action',
      status: 'unknown',
      vendorStatus: 'SKIPPED',
      attempt: 1,
    })
    expect(detail.steps?.[1]?.attempt).toBe(3)
  })

  it('names the step whose last attempt failed, not one that recovered on retry', () => {
    const raw = puqRunDetailSchema.parse(readFixture('puq-execution-detail.retried.json'))
    const detail = runDetailSchema.parse(toRunDetail(raw, 'puq'))
    // parse_email failed its first attempt and succeeded its second; classify failed all 3.
    expect(detail.failedStep).toBe('classify')
    expect(detail.error).toBe('classify: label set is empty after 3 attempts')
  })

  it('names no failed step while the retry of a failed attempt still runs', () => {
    const raw = puqRunDetailSchema.parse(readFixture('puq-execution-detail.retried.json'))
    const steps = (raw.steps ?? []).slice(0, 5)
    const retrying = {
      ...raw,
      status: 'RUNNING',
      finished_at: null,
      steps: [
        ...steps,
        { ...steps[4]!, id: 'step_1ov1suh_6', attempt: 3, status: 'RUNNING', error: null },
      ],
    }
    const detail = toRunDetail(puqRunDetailSchema.parse(retrying), 'puq')
    expect(detail.failedStep).toBeUndefined()
    expect(detail.error).toBeUndefined()
  })

  it('rejects data that breaks the contract, naming the field', () => {
    const result = puqRunListSchema.safeParse({ items: [{ id: 'x', status: 'RUNNING' }], total: 1 })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['items', 0, 'workflow_id'])
  })
})

describe('puq workflows and status filters', () => {
  it('maps the workflow list', () => {
    const workflows = puqWorkflowListSchema
      .parse(readFixture('puq-workflows.json'))
      .map((item) => workflowSchema.parse(toWorkflow(item)))
    expect(workflows).toEqual([
      { id: 'workflow_abc123', name: 'Send welcome email' },
      { id: 'workflow_def456', name: 'Nightly sync', description: 'Syncs CRM', enabled: false },
    ])
  })
})
