import { describe, expect, it } from 'vitest'
import { runSchema, workflowSchema } from '../../shared/model'
import { readFixture } from './read-fixture'
import {
  describeTrigifyError,
  parseFailedStep,
  readWorkflowList,
  toRun,
  toWorkflow,
  trigifyExecutionPageSchema,
  trigifyStatuses,
  trigifyWorkflowListSchema,
} from './trigify'

describe('Trigify mappers on the documented example', () => {
  const page = trigifyExecutionPageSchema.parse(readFixture('trigify-executions.documented.json'))
  const runs = page.data.executions.map((execution) =>
    runSchema.parse(toRun(execution, 'trigify', 'wf_abc123', 'Enrich leads')),
  )

  it('maps completed to succeeded and keeps milliseconds', () => {
    expect(runs[0]).toEqual({
      id: 'run_x7k9m2',
      source: 'trigify',
      workflowId: 'wf_abc123',
      workflowName: 'Enrich leads',
      status: 'succeeded',
      vendorStatus: 'completed',
      startedAt: '2026-03-27T10:15:00.000Z',
      finishedAt: '2026-03-27T10:15:04.320Z',
      durationMs: 4320,
    })
  })

  it('parses the failed step out of the error', () => {
    expect(runs[1]?.status).toBe('failed')
    expect(runs[1]?.failedStep).toBe('Enrich profile')
    expect(runs[1]?.error).toBe("Step 'Enrich profile' failed: profile not found")
  })

  it('leaves a running run without end, duration or error', () => {
    expect(runs[2]).toEqual({
      id: 'run_a1b2c3',
      source: 'trigify',
      workflowId: 'wf_abc123',
      workflowName: 'Enrich leads',
      status: 'running',
      vendorStatus: 'running',
      startedAt: '2026-03-27T10:30:00.000Z',
    })
    expect(page.data.pagination.total_count).toBe(142)
  })
})

describe('Trigify mappers on awkward data', () => {
  const page = trigifyExecutionPageSchema.parse(readFixture('trigify-executions.awkward.json'))
  const runs = new Map(
    page.data.executions.map((execution) => {
      const run = runSchema.parse(toRun(execution, 'trigify', 'wf_x'))
      return [run.id, run] as const
    }),
  )

  it('accepts missing optional fields', () => {
    expect(runs.get('run_nulls')).toEqual({
      id: 'run_nulls',
      source: 'trigify',
      workflowId: 'wf_x',
      status: 'running',
      vendorStatus: 'running',
      startedAt: '2026-03-27T11:00:00.000Z',
    })
  })

  it('maps words it knows and turns new ones into unknown', () => {
    expect(runs.get('run_cancel')?.status).toBe('cancelled')
    expect(runs.get('run_weird')?.status).toBe('unknown')
    expect(runs.get('run_weird')?.vendorStatus).toBe('throttled')
    expect(runs.get('run_weird')?.startedAt).toBe('2026-03-27T09:58:00.000Z')
  })

  it('passes HTML and long errors through, and finds step names with quotes', () => {
    expect(runs.get('run_html')?.error).toContain('<script>')
    expect(runs.get('run_html')?.failedStep).toBeUndefined()
    expect(runs.get('run_long')?.error?.length).toBeGreaterThan(10_000)
    expect(runs.get('run_long')?.failedStep).toBe("Bob's step")
  })

  it('parses failed steps only from the documented pattern', () => {
    expect(parseFailedStep("Step 'Send email' failed: 550 mailbox full")).toBe('Send email')
    expect(parseFailedStep('Timed out after 30 s')).toBeUndefined()
    expect(parseFailedStep(null)).toBeUndefined()
  })

  it('rejects an execution without run_id, naming the field', () => {
    const result = trigifyExecutionPageSchema.safeParse({
      data: { executions: [{ status: 'failed' }], pagination: { total_count: 1 } },
    })
    expect(result.error?.issues[0]?.path).toEqual(['data', 'executions', 0, 'run_id'])
  })

  it('reads the error envelope', () => {
    expect(
      describeTrigifyError({
        success: false,
        error: { code: 'INVALID_API_KEY', message: 'Bad key', details: null, suggestion: null },
      }),
    ).toBe('INVALID_API_KEY: Bad key')
  })
})

describe('Trigify workflows', () => {
  it('maps the list and reads has_more wherever it sits', () => {
    const list = trigifyWorkflowListSchema.parse(readFixture('trigify-workflows.json'))
    const { items, hasMore } = readWorkflowList(list, 100)
    expect(hasMore).toBe(false)
    expect(items.map((item) => workflowSchema.parse(toWorkflow(item)))).toEqual([
      { id: 'wf_abc123', name: 'Enrich leads', enabled: true },
      { id: 'wf_def456', name: 'wf_def456', description: 'Draft' },
    ])
    const topLevel = trigifyWorkflowListSchema.parse({
      data: [{ id: 'wf_1', name: 'One' }],
      pagination: { has_more: true },
    })
    expect(readWorkflowList(topLevel, 100).hasMore).toBe(true)
    const bare = trigifyWorkflowListSchema.parse({ data: { items: [{ id: 'wf_1' }] } })
    expect(readWorkflowList(bare, 1).hasMore).toBe(true)
    expect(readWorkflowList(bare, 2).hasMore).toBe(false)
  })
})

describe('trigifyStatuses', () => {
  it('covers every status the documented example maps to', () => {
    const page = trigifyExecutionPageSchema.parse(readFixture('trigify-executions.documented.json'))
    const mapped = page.data.executions.map(
      (execution) => toRun(execution, 'trigify', 'wf_abc123').status,
    )
    expect(mapped).toEqual(['succeeded', 'failed', 'running'])
    for (const status of mapped) expect(trigifyStatuses).toContain(status)
  })
})
