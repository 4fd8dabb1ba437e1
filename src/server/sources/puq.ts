/**
 * puq.ai's contract: its executions and workflows as zod schemas (lenient: nullable where the
 * docs allow, extra fields kept, unknown statuses allowed), pure mappers to the normalized
 * model, the paths the client may call. The sync (`puq-feed.ts`) reads them into the run index.
 */
import { z } from 'zod'
import type { Run, RunDetail, Step, Workflow } from '../../shared/model'
import { runStatuses, type RunStatus } from '../../shared/run-status'
import { toIsoTime, toRunStatus, vendorTimeSchema } from './vendor-time'

/** puq.ai reports every status of the vocabulary (its words are ours, upper-cased). */
export const puqStatuses: readonly RunStatus[] = runStatuses.filter(
  (status) => status !== 'unknown',
)

const count = z.number().int().nonnegative()
const seconds = z.number().nonnegative().nullish()

export const puqRunSchema = z.looseObject({
  id: z.string().min(1),
  workflow_id: z.string().min(1),
  version_id: z.string().nullish(),
  version_display_name: z.string().nullish(),
  type: z.string().nullish(),
  status: z.string(),
  duration: seconds,
  created_at: vendorTimeSchema,
  started_at: vendorTimeSchema,
  finished_at: vendorTimeSchema,
  /** Not documented on runs; kept if the vendor sends one. */
  error: z.string().nullish(),
})
export type PuqRun = z.infer<typeof puqRunSchema>

export const puqRunListSchema = z.looseObject({
  items: z.array(puqRunSchema),
  total: count,
  succeeded: count.nullish(),
  failed: count.nullish(),
  page: z.number().int().nullish(),
  limit: z.number().int().nullish(),
})
export type PuqRunList = z.infer<typeof puqRunListSchema>

export const puqStepSchema = z.looseObject({
  id: z.string().min(1),
  step_name: z.string().nullish(),
  step_type: z.string().nullish(),
  status: z.string(),
  attempt: z.number().int().nullish(),
  error: z.string().nullish(),
  duration: seconds,
  created_at: vendorTimeSchema,
  started_at: vendorTimeSchema,
  finished_at: vendorTimeSchema,
})
export type PuqStep = z.infer<typeof puqStepSchema>

export const puqRunDetailSchema = puqRunSchema.extend({
  steps: z.array(puqStepSchema).nullish(),
  step_count: z.number().int().nullish(),
})
export type PuqRunDetail = z.infer<typeof puqRunDetailSchema>

export const puqWorkflowSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  description: z.string().nullish(),
  status: z.string().nullish(),
})
export type PuqWorkflow = z.infer<typeof puqWorkflowSchema>

export const puqWorkflowListSchema = z.array(puqWorkflowSchema)

export const puqErrorSchema = z.looseObject({
  error: z.string(),
  code: z.string().nullish(),
})

const secondsToMs = (value: number | null | undefined): number | undefined =>
  value === null || value === undefined ? undefined : Math.round(value * 1000)

export function toRun(run: PuqRun, source: string, workflowName?: string): Run {
  const createdAt = toIsoTime(run.created_at)
  const startedAt = toIsoTime(run.started_at)
  const finishedAt = toIsoTime(run.finished_at)
  const durationMs = secondsToMs(run.duration)
  return {
    id: run.id,
    source,
    workflowId: run.workflow_id,
    ...(workflowName === undefined ? {} : { workflowName }),
    status: toRunStatus(run.status),
    vendorStatus: run.status,
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(durationMs === undefined ? {} : { durationMs }),
    ...(run.error ? { error: run.error } : {}),
    ...(run.version_display_name ? { version: run.version_display_name } : {}),
    ...(run.type ? { trigger: run.type } : {}),
  }
}

export function toStep(step: PuqStep): Step {
  const createdAt = toIsoTime(step.created_at)
  const startedAt = toIsoTime(step.started_at)
  const finishedAt = toIsoTime(step.finished_at)
  const durationMs = secondsToMs(step.duration)
  return {
    id: step.id,
    name: step.step_name ?? step.id,
    kind: step.step_type?.toUpperCase() === 'TRIGGER' ? 'trigger' : 'action',
    status: toRunStatus(step.status),
    vendorStatus: step.status,
    attempt: Math.max(1, step.attempt ?? 1),
    ...(step.error ? { error: step.error } : {}),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(durationMs === undefined ? {} : { durationMs }),
  }
}

/**
 * The step that failed the run: puq lists every attempt of a step as its own entry, so a step
 * that failed and then recovered on retry has a failed entry too. What counts is each step's
 * last attempt (the highest `attempt`, later in the list on a tie); the first step whose last
 * attempt failed is the failure, with that attempt's error.
 */
export function failedStepOf(steps: readonly Step[]): Step | undefined {
  const lastAttempts = new Map<string, Step>()
  for (const step of steps) {
    const seen = lastAttempts.get(step.name)
    if (seen === undefined || step.attempt >= seen.attempt) lastAttempts.set(step.name, step)
  }
  return [...lastAttempts.values()].find((step) => step.status === 'failed')
}

/** The run with its steps; a failed run without its own error borrows the failed step's. */
export function toRunDetail(run: PuqRunDetail, source: string, workflowName?: string): RunDetail {
  const steps = (run.steps ?? []).map(toStep)
  const base = toRun(run, source, workflowName)
  const failed = failedStepOf(steps)
  return {
    ...base,
    ...(failed === undefined ? {} : { failedStep: failed.name }),
    ...(base.error === undefined && failed?.error !== undefined ? { error: failed.error } : {}),
    steps,
  }
}

export function toWorkflow(workflow: PuqWorkflow): Workflow {
  const status = workflow.status?.toLowerCase()
  return {
    id: workflow.id,
    name: workflow.name ?? workflow.id,
    ...(workflow.description ? { description: workflow.description } : {}),
    ...(status === 'enabled' || status === 'disabled' ? { enabled: status === 'enabled' } : {}),
  }
}

export function describePuqError(body: unknown): string | undefined {
  const parsed = puqErrorSchema.safeParse(body)
  if (!parsed.success) return undefined
  return parsed.data.code ? `${parsed.data.code}: ${parsed.data.error}` : parsed.data.error
}

export const puqPaths = {
  executions: () => '/v1/executions',
  execution: (id: string) => `/v1/executions/${encodeURIComponent(id)}`,
  workflows: () => '/v1/workflows',
}

export const puqAllowedPaths: readonly RegExp[] = [
  /^\/v1\/executions$/,
  /^\/v1\/executions\/[A-Za-z0-9][A-Za-z0-9_.%-]*$/,
  /^\/v1\/workflows$/,
]
