/**
 * The puq.ai source: its executions and workflows contract as zod schemas (lenient: nullable
 * where the docs allow, extra fields kept, unknown statuses allowed), pure mappers to the
 * normalized model, and the adapter. puq filters by workflow and status upstream and returns
 * exact totals for the filter, so a page is one upstream call and `counts` are exact.
 */
import { z } from 'zod'
import type { RunsQuery } from '../../shared/api-params'
import type { Run, RunDetail, RunPage, Source, Step, Workflow } from '../../shared/model'
import { isActiveStatus, type RunStatus } from '../../shared/run-status'
import { ApiError } from '../errors'
import type { UpstreamClient } from '../upstream/client'
import { TtlCache } from '../upstream/ttl-cache'
import { WindowIndexCache } from '../stats/window-index'
import { statusMatcher, vendorTotals } from '../stats/window-scan'
import { MergedHistory, type RunStream } from './merged-history'
import type { SourceAdapter } from './types'
import { toIsoTime, toRunStatus, vendorTimeSchema } from './vendor-time'
import { WorkflowDirectory, chunkSizeFor } from './workflow-directory'

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

const puqStatusWords: Partial<Record<RunStatus, string>> = {
  pending: 'PENDING',
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
  paused: 'PAUSED',
}

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

/** The run with its steps; a failed run without its own error borrows the failed step's. */
export function toRunDetail(run: PuqRunDetail, source: string, workflowName?: string): RunDetail {
  const steps = (run.steps ?? []).map(toStep)
  const base = toRun(run, source, workflowName)
  const failed = steps.find((step) => step.status === 'failed')
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

/**
 * puq's `status` takes one status or `all`. Returns the upstream values to ask for: `[]` for
 * "no filter", or one value per wanted status. `unknown` cannot be asked for upstream (puq only
 * knows its six words), so it is dropped; a filter of only `unknown` yields `null` (no match).
 */
export function toPuqStatusFilter(statuses: readonly RunStatus[] | undefined): string[] | null {
  if (statuses === undefined) return []
  const words = [...new Set(statuses.flatMap((status) => puqStatusWords[status] ?? []))]
  if (words.length === 0) return null
  if (words.length === Object.keys(puqStatusWords).length) return []
  return words
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

export type PuqSourceOptions = {
  id: string
  label: string
  isDemo: boolean
  client: UpstreamClient
  /** Upstream requests one time-window answer (stats, a chart bar's runs) may spend. */
  windowBudget: number
  pageTtlMs?: number
}

const mergeTtlMs = 10_000

export function createPuqSource(options: PuqSourceOptions): SourceAdapter {
  const { client, id: source } = options
  const pageTtlMs = options.pageTtlMs ?? 5_000
  const info: Source = {
    id: source,
    label: options.label,
    vendor: 'puq',
    isDemo: options.isDemo,
    capabilities: {
      crossWorkflowListing: true,
      upstreamStatusFilter: true,
      stepDetail: true,
      exactTotals: true,
    },
  }
  const directory = new WorkflowDirectory(async () => {
    const list = await client.get(puqPaths.workflows(), puqWorkflowListSchema, {
      ttlMs: pageTtlMs,
    })
    return list.map(toWorkflow)
  })
  // Details carry every step: a smaller cap than Trigify's list-only runs.
  const finishedRuns = new TtlCache<RunDetail>(1_000, Date.now)
  const merges = new TtlCache<{ history: MergedHistory; counts: Map<string, PuqRunList> }>(50)
  const windowIndexes = new WindowIndexCache()

  const fetchList = (
    query: { workflow?: string; status?: string },
    page: number,
    limit: number,
  ): Promise<PuqRunList> =>
    client.get(puqPaths.executions(), puqRunListSchema, {
      query: { page, limit, workflow_id: query.workflow, status: query.status },
      ttlMs: pageTtlMs,
    })

  const pageFromList = (
    list: PuqRunList,
    query: RunsQuery,
    names: ReadonlyMap<string, string>,
  ): RunPage => ({
    items: list.items.map((run) => toRun(run, source, names.get(run.workflow_id))),
    page: query.page,
    pageSize: query.pageSize,
    total: list.total,
    totalPages: Math.ceil(list.total / query.pageSize),
    counts: { succeeded: list.succeeded ?? 0, failed: list.failed ?? 0 },
  })

  /**
   * Several statuses: puq answers one status per call, so each wanted status is its own
   * newest-first stream and the page is their merge; totals and counts are the exact sums.
   */
  const mergedStatusPage = async (
    query: RunsQuery,
    words: readonly string[],
    names: ReadonlyMap<string, string>,
  ): Promise<RunPage> => {
    const needed = query.page * query.pageSize
    const chunk = chunkSizeFor(needed)
    const key = `${query.workflow ?? ''}|${words.join(',')}|${chunk}`
    let entry = merges.get(key)
    if (entry === undefined) {
      const counts = new Map<string, PuqRunList>()
      const streams = words.map((word): RunStream => ({
        fetchPage: async (page) => {
          const list = await fetchList({ workflow: query.workflow, status: word }, page, chunk)
          if (page === 1) counts.set(word, list)
          return {
            runs: list.items.map((run) => toRun(run, source)),
            total: list.total,
            hasMore: page * chunk < list.total,
          }
        },
      }))
      entry = { history: new MergedHistory(streams), counts }
      merges.set(key, entry, mergeTtlMs)
    }
    await entry.history.ensure(needed)
    const lists = [...entry.counts.values()]
    const total = lists.reduce((sum, list) => sum + list.total, 0)
    return {
      items: entry.history.merged
        .slice(needed - query.pageSize, needed)
        .map((run) => withName(run, names)),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalPages: Math.ceil(total / query.pageSize),
      counts: {
        succeeded: lists.reduce((sum, list) => sum + (list.succeeded ?? 0), 0),
        failed: lists.reduce((sum, list) => sum + (list.failed ?? 0), 0),
      },
    }
  }

  return {
    info,
    health: () => client.health(),
    listWorkflows: () => directory.list(),

    async listRuns(query) {
      const words = toPuqStatusFilter(query.status)
      const namesPromise = directory.names()
      if (words === null) {
        return {
          items: [],
          page: query.page,
          pageSize: query.pageSize,
          total: 0,
          totalPages: 0,
          counts: { succeeded: 0, failed: 0 },
        }
      }
      if (words.length > 1) return mergedStatusPage(query, words, await namesPromise)
      const list = await fetchList(
        { workflow: query.workflow, status: words[0] },
        query.page,
        query.pageSize,
      )
      return pageFromList(list, query, await namesPromise)
    },

    windowSource({ workflow, status }) {
      const words = toPuqStatusFilter(status)
      // One stream per status word puq filters by; none when no puq status can match.
      const streams: (string | undefined)[] =
        words === null ? [] : words.length === 0 ? [undefined] : words
      const indexes = streams.map((word) =>
        windowIndexes.get(`${workflow ?? '*'}|${word ?? 'all'}`, async (page, limit, scan) => {
          const [list, names] = await Promise.all([
            client.get(puqPaths.executions(), puqRunListSchema, {
              query: { page, limit, workflow_id: workflow, status: word },
              ttlMs: pageTtlMs,
              scan,
            }),
            directory.names(),
          ])
          return {
            runs: list.items.map((run) => toRun(run, source, names.get(run.workflow_id))),
            total: list.total,
            ...(typeof list.succeeded === 'number' ? { succeeded: list.succeeded } : {}),
            ...(typeof list.failed === 'number' ? { failed: list.failed } : {}),
          }
        }),
      )
      return Promise.resolve({
        indexes,
        matches: statusMatcher(status),
        allowance: () => ({ remaining: options.windowBudget, reserve: 0 }),
        allTime: () => vendorTotals(indexes),
      })
    },

    async getRun(id, { workflow }) {
      let detail = finishedRuns.get(id)
      if (detail === undefined) {
        const namesPromise = directory.names()
        const raw = await client.get(puqPaths.execution(id), puqRunDetailSchema, {
          notFoundMessage: `Run ${id} was not found on ${info.label}`,
        })
        const names = await namesPromise
        detail = toRunDetail(raw, source, names.get(raw.workflow_id))
        if (!isActiveStatus(detail.status)) finishedRuns.set(id, detail, 60 * 60_000)
      }
      if (workflow !== undefined && detail.workflowId !== workflow) {
        throw new ApiError('NOT_FOUND', `Run ${id} is not a run of workflow ${workflow}`, {
          source,
        })
      }
      return detail
    },
  }
}

function withName(run: Run, names: ReadonlyMap<string, string>): Run {
  const name = names.get(run.workflowId)
  return name === undefined ? run : { ...run, workflowName: name }
}
