/**
 * Trigify's contract: its executions and workflows as zod schemas (lenient where the docs
 * allow nulls or leave placement open), pure mappers to the normalized model, the paths the
 * client may call. Trigify lists runs one workflow at a time, cannot filter by status and has
 * no run endpoint; the sync (`trigify-feed.ts`) reads every workflow into the run index.
 */
import { z } from 'zod'
import type { Run, Workflow } from '../../shared/model'
import type { RunStatus } from '../../shared/run-status'
import { toIsoTime, toRunStatus, vendorTimeSchema } from './vendor-time'

const count = z.number().int().nonnegative()

export const trigifyExecutionSchema = z.looseObject({
  run_id: z.string().min(1),
  status: z.string(),
  started_at: vendorTimeSchema,
  completed_at: vendorTimeSchema,
  duration: z.number().nonnegative().nullish(),
  error: z.string().nullish(),
})
export type TrigifyExecution = z.infer<typeof trigifyExecutionSchema>

export const trigifyExecutionPageSchema = z.looseObject({
  success: z.boolean().nullish(),
  data: z.looseObject({
    executions: z.array(trigifyExecutionSchema),
    pagination: z.looseObject({
      page: z.number().int().nullish(),
      page_size: z.number().int().nullish(),
      total_count: count,
      total_pages: count.nullish(),
    }),
  }),
})
export type TrigifyExecutionPage = z.infer<typeof trigifyExecutionPageSchema>

export const trigifyWorkflowSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  description: z.string().nullish(),
  enabled: z.boolean().nullish(),
  status: z.string().nullish(),
})
export type TrigifyWorkflow = z.infer<typeof trigifyWorkflowSchema>

/** Where the paging fields sit is not shown in the docs: accept them at either level. */
const pagingFields = {
  has_more: z.boolean().nullish(),
  total: count.nullish(),
  pagination: z.looseObject({ has_more: z.boolean().nullish(), total: count.nullish() }).nullish(),
}

export const trigifyWorkflowListSchema = z.looseObject({
  success: z.boolean().nullish(),
  message: z.string().nullish(),
  data: z.union([
    z.array(trigifyWorkflowSchema),
    z.looseObject({ items: z.array(trigifyWorkflowSchema), ...pagingFields }),
  ]),
  ...pagingFields,
})
export type TrigifyWorkflowList = z.infer<typeof trigifyWorkflowListSchema>

export const trigifyErrorSchema = z.looseObject({
  success: z.literal(false).nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }),
})

const trigifyStatusAliases: Readonly<Record<string, RunStatus>> = { completed: 'succeeded' }

/** Trigify's documented words are `running`, `completed` and `failed`; nothing else is reported. */
export const trigifyStatuses: readonly RunStatus[] = ['running', 'succeeded', 'failed']

/** `Step 'Enrich profile' failed: ...` names the failed step; other errors do not. */
export function parseFailedStep(error: string | null | undefined): string | undefined {
  const match = error ? /^Step '(.+?)' failed:/s.exec(error) : null
  return match?.[1]
}

export function toRun(
  execution: TrigifyExecution,
  source: string,
  workflowId: string,
  workflowName?: string,
): Run {
  const startedAt = toIsoTime(execution.started_at)
  const finishedAt = toIsoTime(execution.completed_at)
  const failedStep = parseFailedStep(execution.error)
  return {
    id: execution.run_id,
    source,
    workflowId,
    ...(workflowName === undefined ? {} : { workflowName }),
    status: toRunStatus(execution.status, trigifyStatusAliases),
    vendorStatus: execution.status,
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(execution.duration === null || execution.duration === undefined
      ? {}
      : { durationMs: execution.duration }),
    ...(execution.error ? { error: execution.error } : {}),
    ...(failedStep === undefined ? {} : { failedStep }),
  }
}

export function toWorkflow(workflow: TrigifyWorkflow): Workflow {
  return {
    id: workflow.id,
    name: workflow.name ?? workflow.id,
    ...(workflow.description ? { description: workflow.description } : {}),
    ...(typeof workflow.enabled === 'boolean' ? { enabled: workflow.enabled } : {}),
  }
}

/** The items of one workflows page and whether another page follows. */
export function readWorkflowList(
  list: TrigifyWorkflowList,
  limit: number,
): { items: TrigifyWorkflow[]; hasMore: boolean } {
  const data = list.data
  const items = Array.isArray(data) ? data : data.items
  const nested = Array.isArray(data) ? undefined : data
  const hasMore =
    nested?.has_more ??
    nested?.pagination?.has_more ??
    list.has_more ??
    list.pagination?.has_more ??
    items.length >= limit
  return { items, hasMore: hasMore && items.length > 0 }
}

export function describeTrigifyError(body: unknown): string | undefined {
  const parsed = trigifyErrorSchema.safeParse(body)
  if (!parsed.success) return undefined
  const { code, message } = parsed.data.error
  return [code, message].filter(Boolean).join(': ')
}

export const trigifyPaths = {
  workflows: () => '/v1/workflows',
  executions: (workflowId: string) => `/v1/workflows/${encodeURIComponent(workflowId)}/executions`,
}

export const trigifyAllowedPaths: readonly RegExp[] = [
  /^\/v1\/workflows$/,
  /^\/v1\/workflows\/[A-Za-z0-9][A-Za-z0-9_.%-]*\/executions$/,
]
