/**
 * The read-only data routes: sources (with their sync), workflows, runs, run detail, stats,
 * and the failure inbox's failures and steps.
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
import { idSchema } from '../../shared/model'
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

  const syncOf = (request: FastifyRequest): Promise<SourceSync> =>
    counted(request, async () => {
      const { source } = parseParams(sourceParamsSchema, request.params, ['source', 'runId'])
      const sync = byId.get(source)
      if (sync === undefined) throw new ApiError('NOT_FOUND', `There is no source named ${source}`)
      await whenAnswerable(sync)
      return sync
    })

  app.get('/api/sources', async (): Promise<SourcesResponse> => ({
    items: await Promise.all(
      syncs.map(async (sync) => ({ ...sync.feed.info, sync: await sync.progress() })),
    ),
  }))

  app.get('/api/sources/:source/workflows', async (request): Promise<WorkflowsResponse> => {
    const sync = await syncOf(request)
    parseParams(z.object({}), request.query, [])
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
    const sync = await syncOf(request)
    const query = parseParams(runsQuerySchema, request.query, Object.keys(runsQuerySchema.shape))
    return runsPage(store, sync, query)
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
    const sync = await syncOf(request)
    const query = parseParams(
      runsExportQuerySchema,
      request.query,
      Object.keys(runsExportQuerySchema.shape),
    )
    return sendRunExport(store, sync, query, reply, Date.now())
  })

  app.get('/api/sources/:source/stats', async (request): Promise<RunStats> => {
    const sync = await syncOf(request)
    const query = parseParams(statsQuerySchema, request.query, Object.keys(statsQuerySchema.shape))
    return statsAnswer(store, sync, query, Date.now())
  })

  app.get('/api/sources/:source/failures', async (request): Promise<FailuresResponse> => {
    const sync = await syncOf(request)
    const query = parseParams(
      failuresQuerySchema,
      request.query,
      Object.keys(failuresQuerySchema.shape),
    )
    return failuresAnswer(store, sync, query, Date.now())
  })

  app.get('/api/sources/:source/steps', async (request): Promise<StepsResponse> => {
    const sync = await syncOf(request)
    const query = parseParams(stepsQuerySchema, request.query, Object.keys(stepsQuerySchema.shape))
    return stepsAnswer(store, sync, query, Date.now())
  })

  app.get('/api/sources/:source/runs/:runId', async (request): Promise<RunDetail> => {
    const sync = await syncOf(request)
    const { runId } = parseParams(runParamsSchema, request.params, ['source', 'runId'])
    const query = parseParams(
      runDetailQuerySchema,
      request.query,
      Object.keys(runDetailQuerySchema.shape),
    )
    return counted(request, () => runDetail(store, sync, runId, query.workflow))
  })
}
