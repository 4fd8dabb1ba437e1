/**
 * The read-only data routes: sources (with their sync), workflows, runs, run detail, stats,
 * and the failure inbox's failures and steps. Runs, their export and stats also answer for the
 * virtual source `all` (every configured source as one history; see `allSourcesId`).
 * Every parameter is parsed with the shared schemas first; every answer comes from the run
 * index (the store), which the sync keeps filled. Only a run opened by id that the store does
 * not hold yet (puq) reaches the vendor from here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  failuresQuerySchema,
  runDetailQuerySchema,
  runsExportQuerySchema,
  runsQuerySchema,
  statsQuerySchema,
  stepsQuerySchema,
} from '../../shared/api-params'
import type { FailuresResponse, StepsResponse } from '../../shared/failures-model'
import { allSourcesId, idSchema } from '../../shared/model'
import type {
  RunDetail,
  RunPage,
  RunStats,
  SourcesResponse,
  WorkflowsResponse,
} from '../../shared/model'
import { whenAnswerable } from '../answers/readiness'
import { failuresAnswer } from '../answers/failures'
import { runDetail } from '../answers/run-detail'
import { sendRunExport } from '../answers/run-export'
import { runsPage } from '../answers/runs-page'
import { statsAnswer } from '../answers/stats'
import { scopeOfAll, scopeOfSync, whenAllAnswerable, type RunScope } from '../answers/scope'
import { stepsAnswer } from '../answers/steps'
import { ApiError } from '../errors'
import { parseParams } from '../param-errors'
import type { RunStore } from '../store/types'
import type { SourceSync } from '../sync/source-sync'
import { contextOf, requestContext } from '../upstream/request-context'

const sourceParamsSchema = z.object({ source: idSchema })
const runParamsSchema = z.object({ source: idSchema, runId: idSchema })

export function registerDataRoutes(
  app: FastifyInstance,
  store: RunStore,
  syncs: readonly SourceSync[],
  /** One deadline per answer, for its waits and upstream requests (RUNBOARD_DEADLINE_MS). */
  deadlineMs?: number,
): void {
  const byId = new Map(syncs.map((sync) => [sync.source, sync]))

  /**
   * Runs the work with an upstream-call counter the request log line reads, under the
   * request's one deadline (started by its first piece of work, shared by all the others).
   */
  const counted = <T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> =>
    requestContext.run(contextOf(request, deadlineMs), work)

  /** The source in the path, `all` or a configured one (else a 404, before any other check). */
  const sourceOf = (request: FastifyRequest): string => {
    const { source } = parseParams(sourceParamsSchema, request.params, ['source', 'runId'])
    if (source !== allSourcesId && !byId.has(source)) {
      throw new ApiError('NOT_FOUND', `There is no source named ${source}`)
    }
    return source
  }

  /** One source's sync, for the routes that have no `all`; `what` names them in the 400. */
  const syncOf = (request: FastifyRequest, what: string): Promise<SourceSync> =>
    counted(request, async () => {
      const source = sourceOf(request)
      if (source === allSourcesId) {
        throw new ApiError(
          'BAD_REQUEST',
          `source: ${what} are read per source; ${allSourcesId} lists runs, their export and stats`,
        )
      }
      const sync = byId.get(source)
      if (sync === undefined) throw new ApiError('INTERNAL', `No sync for ${source}`)
      await whenAnswerable(sync)
      return sync
    })

  /** One source, or every one for `all`; a workflow belongs to one source, so `all` has none. */
  const scopeOf = (request: FastifyRequest, workflow: string | undefined): Promise<RunScope> =>
    counted(request, async () => {
      if (sourceOf(request) !== allSourcesId) return scopeOfSync(await syncOf(request, ''))
      if (workflow !== undefined) {
        throw new ApiError(
          'BAD_REQUEST',
          `workflow: a workflow belongs to one source; ask /api/sources/<its source>/…, not ${allSourcesId}`,
        )
      }
      await whenAllAnswerable(syncs)
      return scopeOfAll(syncs)
    })

  app.get('/api/sources', async (): Promise<SourcesResponse> => ({
    items: await Promise.all(
      syncs.map(async (sync) => ({ ...sync.feed.info, sync: await sync.progress() })),
    ),
    all: { id: allSourcesId, label: 'All sources', sources: syncs.map((sync) => sync.source) },
  }))

  /** For `all`, an empty list: the all view has no workflow filter (see `allSourcesId`). */
  app.get('/api/sources/:source/workflows', async (request): Promise<WorkflowsResponse> => {
    const source = sourceOf(request)
    parseParams(z.object({}), request.query, [])
    if (source === allSourcesId) return { items: [] }
    const sync = await syncOf(request, 'workflows')
    return { items: await store.workflows(sync.source) }
  })

  /**
   * A page of runs (`RunPage`). `q` (a run id or its start, or words of the error text and
   * workflow name, any order and case), `workflow`, `status=a,b`, `from`/`to` (ISO instants with a
   * zone, seconds optional; either end may be open; any length; [from, to) by start time),
   * `sort=-started|started|-duration|duration` (default `-started`; runs without a duration
   * last either way), `page`, `pageSize`. `total` and `counts` are exact for the filter.
   */
  app.get('/api/sources/:source/runs', async (request): Promise<RunPage> => {
    sourceOf(request)
    const query = parseParams(runsQuerySchema, request.query, Object.keys(runsQuerySchema.shape))
    return runsPage(store, await scopeOf(request, query.workflow), query)
  })

  /**
   * Every matching run as a file: `format=csv|ndjson` plus the listing's `q`, `workflow`, `status`,
   * `from`, `to` (no page, no sort: newest first). CSV columns: source, id, workflowId,
   * workflowName, status, vendorStatus, createdAt, startedAt, finishedAt, durationMs,
   * failedStep, error, version, trigger; NDJSON: one normalized run (`runSchema`) per line.
   * `Content-Disposition: attachment` names the file; `X-Runboard-Coverage` is `complete` or
   * `partial` (backfill still reading). Registered before `runs/:runId`, and it wins over it
   * as a static segment, so the access guard sees this route, not a run called "export".
   */
  app.get('/api/sources/:source/runs/export', async (request, reply) => {
    sourceOf(request)
    const query = parseParams(
      runsExportQuerySchema,
      request.query,
      Object.keys(runsExportQuerySchema.shape),
    )
    return sendRunExport(store, await scopeOf(request, query.workflow), query, reply, Date.now())
  })

  app.get('/api/sources/:source/stats', async (request): Promise<RunStats> => {
    sourceOf(request)
    const query = parseParams(statsQuerySchema, request.query, Object.keys(statsQuerySchema.shape))
    return statsAnswer(store, await scopeOf(request, query.workflow), query, Date.now())
  })

  app.get('/api/sources/:source/failures', async (request): Promise<FailuresResponse> => {
    const sync = await syncOf(request, 'failures')
    const query = parseParams(
      failuresQuerySchema,
      request.query,
      Object.keys(failuresQuerySchema.shape),
    )
    return failuresAnswer(store, sync, query, Date.now())
  })

  app.get('/api/sources/:source/steps', async (request): Promise<StepsResponse> => {
    const sync = await syncOf(request, 'steps')
    const query = parseParams(stepsQuerySchema, request.query, Object.keys(stepsQuerySchema.shape))
    return stepsAnswer(store, sync, query, Date.now())
  })

  /** Per source only: a row of the all view carries its `source`, which is where it opens. */
  app.get('/api/sources/:source/runs/:runId', async (request): Promise<RunDetail> => {
    const sync = await syncOf(request, 'run details')
    const { runId } = parseParams(runParamsSchema, request.params, ['source', 'runId'])
    const query = parseParams(
      runDetailQuerySchema,
      request.query,
      Object.keys(runDetailQuerySchema.shape),
    )
    return counted(request, () => runDetail(store, sync, runId, query.workflow))
  })
}
