/**
 * The Trigify source: its executions and workflows contract as zod schemas, pure mappers to
 * the normalized model, and the adapter. Trigify lists runs one workflow at a time, cannot
 * filter by status, has no run endpoint and allows 100 requests a minute per key, so:
 *  - one workflow, no status filter: one upstream page per page (page/page_size map 1:1);
 *  - all workflows: a k-way merge by start time of per-workflow pages (MergedHistory);
 *  - a status filter: a scan of the newest pages (size 100), stopped by a per-call budget and
 *    by the rate-limit reserve, answered with `coverage` saying how much was read;
 *  - run detail: from a by-id cache of finished runs, else a scan like the above.
 */
import { z } from 'zod'
import type { RunsQuery } from '../../shared/api-params'
import type { Run, RunPage, Source, Workflow } from '../../shared/model'
import type { RunStatus } from '../../shared/run-status'
import { ApiError } from '../errors'
import { ScanBudgetExhausted, type ScanAllowance, type UpstreamClient } from '../upstream/client'
import { TtlCache } from '../upstream/ttl-cache'
import { WindowIndexCache } from '../stats/window-index'
import { statusMatcher, vendorTotals } from '../stats/window-scan'
import { MergedHistory, type RunStream } from './merged-history'
import type { SourceAdapter } from './types'
import { toIsoTime, toRunStatus, vendorTimeSchema } from './vendor-time'
import { WorkflowDirectory } from './workflow-directory'

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

export type TrigifySourceOptions = {
  id: string
  label: string
  isDemo: boolean
  client: UpstreamClient
  /** Upstream requests one API call may spend on a scan. */
  scanBudget: number
  /** Requests of the rate-limit window that scans leave for primary views. */
  rateReserve: number
  /** Upstream requests one time-window answer (stats, a chart bar's runs) may spend. */
  windowBudget: number
  pageTtlMs?: number
}

const workflowPageLimit = 100
const maxWorkflowPages = 50
const scanPageSize = 100
/**
 * How long a merged history is reused. Refreshing the merge costs one request per workflow,
 * so it lives as long as the SPA's poll interval for such sources (30 s): however many tabs
 * poll, the merge is read again at most twice a minute.
 */
const historyTtlMs = 30_000
const finishedRunTtlMs = 60 * 60_000
const finalStatuses: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled'])

export function createTrigifySource(options: TrigifySourceOptions): SourceAdapter {
  const { client, id: source } = options
  const pageTtlMs = options.pageTtlMs ?? 5_000
  const info: Source = {
    id: source,
    label: options.label,
    vendor: 'trigify',
    isDemo: options.isDemo,
    capabilities: {
      crossWorkflowListing: false,
      upstreamStatusFilter: false,
      stepDetail: false,
      exactTotals: false,
    },
  }

  const directory = new WorkflowDirectory(async () => {
    const workflows: Workflow[] = []
    for (let page = 0; page < maxWorkflowPages; page += 1) {
      const list = await client.get(trigifyPaths.workflows(), trigifyWorkflowListSchema, {
        query: { limit: workflowPageLimit, offset: page * workflowPageLimit },
        ttlMs: pageTtlMs,
      })
      const { items, hasMore } = readWorkflowList(list, workflowPageLimit)
      workflows.push(...items.map(toWorkflow))
      if (!hasMore) break
    }
    return workflows
  })

  /** Finished runs never change: remembered by id so run detail rarely needs a scan. */
  // The newest 5,000 listed: enough for the runs anyone opens from the pages they browse,
  // and a bound on memory (50,000 kept a busy server ~20% heavier long after a burst).
  const finishedRuns = new TtlCache<Run>(5_000)
  const histories = new TtlCache<MergedHistory>(100)
  const windowIndexes = new WindowIndexCache()

  const fetchExecutions = async (
    workflowId: string,
    page: number,
    pageSize: number,
    names: ReadonlyMap<string, string>,
    scan?: ScanAllowance,
  ): Promise<{ runs: Run[]; total: number; totalPages: number | undefined }> => {
    const body = await client.get(trigifyPaths.executions(workflowId), trigifyExecutionPageSchema, {
      query: { page, page_size: pageSize },
      ttlMs: pageTtlMs,
      ...(scan === undefined ? {} : { scan }),
      notFoundMessage: `Workflow ${workflowId} was not found on ${info.label}`,
    })
    const runs = body.data.executions.map((execution) =>
      toRun(execution, source, workflowId, names.get(workflowId)),
    )
    for (const run of runs) {
      if (finalStatuses.has(run.status)) finishedRuns.set(run.id, run, finishedRunTtlMs)
    }
    const { total_count: total, total_pages: totalPages } = body.data.pagination
    return { runs, total, totalPages: totalPages ?? undefined }
  }

  /** The merged newest-first history of one workflow or of all, read in pages of `chunk`. */
  const historyFor = async (workflow: string | undefined, chunk: number) => {
    const key = `${workflow ?? '*'}|${chunk}`
    const cached = histories.get(key)
    if (cached !== undefined) return cached
    const workflows = await directory.list()
    const names = new Map(workflows.map((item) => [item.id, item.name]))
    const ids = workflow === undefined ? workflows.map((item) => item.id) : [workflow]
    const streams = ids.map((workflowId): RunStream => ({
      fetchPage: async (page, scan) => {
        const result = await fetchExecutions(workflowId, page, chunk, names, scan)
        return {
          runs: result.runs,
          total: result.total,
          hasMore: page * chunk < result.total,
        }
      },
    }))
    const history = new MergedHistory(streams)
    histories.set(key, history, historyTtlMs)
    return history
  }

  /** Grows a history towards `count` within `scan`; says why it stopped early, if it did. */
  const grow = async (
    history: MergedHistory,
    count: number,
    scan: ScanAllowance,
  ): Promise<ScanBudgetExhausted | undefined> => {
    try {
      await history.ensure(count, scan)
      return undefined
    } catch (error) {
      if (error instanceof ScanBudgetExhausted) return error
      throw error
    }
  }

  /**
   * What one API call may spend on a scan. Across all workflows the merge cannot order a
   * single run before it has one page from every workflow, so that first round comes on top.
   */
  const scanAllowance = async (workflow: string | undefined): Promise<ScanAllowance> => {
    const firstRound = workflow === undefined ? (await directory.list()).length : 0
    return { remaining: firstRound + options.scanBudget, reserve: options.rateReserve }
  }

  const rateLimited = () => {
    const seconds = client.rateLimitRetryAfterSeconds()
    return new ApiError(
      'UPSTREAM_RATE_LIMITED',
      `The Trigify rate limit is nearly used up; try again in ${seconds} s`,
      { source, retryAfterSeconds: seconds },
    )
  }

  const coverageOf = (history: MergedHistory) => {
    const totalRuns = history.total
    const oldest = history.oldestMergedAt
    return {
      complete: history.isExhausted,
      scannedRuns: history.merged.length,
      ...(totalRuns === undefined ? {} : { totalRuns }),
      ...(oldest === undefined ? {} : { oldestScannedAt: oldest }),
    }
  }

  const workflowPage = async (workflow: string, query: RunsQuery): Promise<RunPage> => {
    const names = await directory.names()
    const result = await fetchExecutions(workflow, query.page, query.pageSize, names)
    return {
      items: result.runs,
      page: query.page,
      pageSize: query.pageSize,
      total: result.total,
      totalPages: result.totalPages ?? Math.ceil(result.total / query.pageSize),
    }
  }

  /** All workflows, no status filter: the merge, bounded like a scan for very deep pages. */
  const mergedPage = async (query: RunsQuery): Promise<RunPage> => {
    const needed = query.page * query.pageSize
    // Pages of 100 for every depth: page 2 (prefetched) continues page 1's merge, and the
    // per-workflow pages are the very ones status scans and time windows read.
    const history = await historyFor(undefined, scanPageSize)
    const workflowCount = (await directory.list()).length
    const stopped = await grow(history, needed, {
      remaining: workflowCount + options.scanBudget,
      reserve: 0,
    })
    if (stopped?.reason === 'rate-limit' && history.merged.length === 0) throw rateLimited()
    const total = history.total ?? history.merged.length
    return {
      items: history.merged.slice(needed - query.pageSize, needed),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalPages: Math.ceil(total / query.pageSize),
      ...(stopped === undefined ? {} : { coverage: coverageOf(history) }),
    }
  }

  const scannedPage = async (
    query: RunsQuery,
    statuses: readonly RunStatus[],
  ): Promise<RunPage> => {
    const wanted = new Set(statuses)
    const needed = query.page * query.pageSize
    const history = await historyFor(query.workflow, scanPageSize)
    const scan = await scanAllowance(query.workflow)
    let matches = history.merged.filter((run) => wanted.has(run.status))
    let stopped: ScanBudgetExhausted | undefined
    while (matches.length < needed && !history.isExhausted && stopped === undefined) {
      stopped = await grow(history, history.merged.length + scanPageSize, scan)
      matches = history.merged.filter((run) => wanted.has(run.status))
    }
    if (stopped?.reason === 'rate-limit' && history.merged.length === 0) throw rateLimited()
    return {
      items: matches.slice(needed - query.pageSize, needed),
      page: query.page,
      pageSize: query.pageSize,
      total: matches.length,
      totalPages: Math.ceil(matches.length / query.pageSize),
      coverage: coverageOf(history),
    }
  }

  return {
    info,
    health: () => client.health(),
    listWorkflows: () => directory.list(),

    listRuns(query) {
      if (query.status !== undefined) return scannedPage(query, query.status)
      if (query.workflow !== undefined) return workflowPage(query.workflow, query)
      return mergedPage(query)
    },

    async windowSource({ workflow, status }) {
      // The list, not the best-effort names: a source whose workflows cannot be read must
      // answer with that error, not with an empty (and falsely complete) window.
      const workflows = await directory.list()
      const names = new Map(workflows.map((item) => [item.id, item.name]))
      const ids = workflow === undefined ? workflows.map((item) => item.id) : [workflow]
      // A window is per workflow here: no merge is needed to count runs, only each history
      // read back far enough. Status is filtered locally, as Trigify cannot.
      const indexes = ids.map((workflowId) =>
        windowIndexes.get(workflowId, async (page, pageSize, scan) => {
          const result = await fetchExecutions(workflowId, page, pageSize, names, scan)
          return { runs: result.runs, total: result.total }
        }),
      )
      return {
        indexes,
        matches: statusMatcher(status),
        allowance: () => ({ remaining: options.windowBudget, reserve: options.rateReserve }),
        allTime: () => {
          // Trigify counts runs per workflow, not per status.
          const totals = status === undefined ? vendorTotals(indexes) : undefined
          return totals === undefined ? undefined : { total: totals.total }
        },
      }
    },

    async getRun(id, { workflow }) {
      const matchesWorkflow = (run: Run) => workflow === undefined || run.workflowId === workflow
      const known = finishedRuns.get(id)
      if (known !== undefined && matchesWorkflow(known)) return { ...known, steps: null }

      const history = await historyFor(workflow, scanPageSize)
      const scan = await scanAllowance(workflow)
      let stopped: ScanBudgetExhausted | undefined
      for (;;) {
        const found = history.lookup(id)
        if (found !== undefined && matchesWorkflow(found)) return { ...found, steps: null }
        if (history.isExhausted || stopped !== undefined) break
        stopped = await grow(history, history.merged.length + scanPageSize, scan)
      }
      if (stopped?.reason === 'rate-limit' && history.merged.length === 0) throw rateLimited()
      const where = workflow === undefined ? 'any workflow' : `workflow ${workflow}`
      const searched =
        stopped === undefined
          ? `all ${history.merged.length} runs of ${where}`
          : `the newest ${history.merged.length} runs of ${where} (the search stopped early to spare the rate limit; try again shortly)`
      throw new ApiError(
        'NOT_FOUND',
        `Run ${id} was not found on ${info.label} among ${searched}`,
        {
          source,
        },
      )
    },
  }
}
