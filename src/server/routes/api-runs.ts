/**
 * The read-only data routes: sources, workflows, runs, run detail, stats. Every parameter is parsed
 * with the shared schemas before an adapter sees it, so ids that reach a vendor URL have
 * already matched the strict id pattern; each call counts its upstream calls for the log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { runDetailQuerySchema, runsQuerySchema, statsQuerySchema } from '../../shared/api-params'
import { idSchema } from '../../shared/model'
import type {
  RunDetail,
  RunPage,
  RunStats,
  SourcesResponse,
  WorkflowsResponse,
} from '../../shared/model'
import { ApiError } from '../errors'
import { parseParams } from '../param-errors'
import type { SourceAdapter } from '../sources/types'
import { windowRunsPage, windowStats } from '../stats/window-answers'
import { contextOf, requestContext } from '../upstream/request-context'

const sourceParamsSchema = z.object({ source: idSchema })
const runParamsSchema = z.object({ source: idSchema, runId: idSchema })

export function registerRunRoutes(app: FastifyInstance, sources: readonly SourceAdapter[]): void {
  const byId = new Map(sources.map((source) => [source.info.id, source]))

  const sourceOf = (request: FastifyRequest): SourceAdapter => {
    const { source } = parseParams(sourceParamsSchema, request.params, ['source', 'runId'])
    const adapter = byId.get(source)
    if (adapter === undefined) {
      throw new ApiError('NOT_FOUND', `There is no source named ${source}`)
    }
    return adapter
  }

  /** Runs adapter work with an upstream-call counter the request log line reads. */
  const counted = <T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> =>
    requestContext.run(contextOf(request), work)

  app.get('/api/sources', (): SourcesResponse => ({ items: sources.map((source) => source.info) }))

  app.get('/api/sources/:source/workflows', async (request): Promise<WorkflowsResponse> => {
    const adapter = sourceOf(request)
    parseParams(z.object({}), request.query, [])
    const items = await counted(request, () => adapter.listWorkflows())
    return { items }
  })

  app.get('/api/sources/:source/runs', async (request): Promise<RunPage> => {
    const adapter = sourceOf(request)
    const query = parseParams(runsQuerySchema, request.query, Object.keys(runsQuerySchema.shape))
    if (query.from === undefined && query.to === undefined) {
      return counted(request, () => adapter.listRuns(query))
    }
    return counted(request, async () =>
      windowRunsPage(await adapter.windowSource(query), query, Date.now()),
    )
  })

  app.get('/api/sources/:source/stats', async (request): Promise<RunStats> => {
    const adapter = sourceOf(request)
    const query = parseParams(statsQuerySchema, request.query, Object.keys(statsQuerySchema.shape))
    return counted(request, async () =>
      windowStats(adapter.info.id, await adapter.windowSource(query), query, Date.now()),
    )
  })

  app.get('/api/sources/:source/runs/:runId', async (request): Promise<RunDetail> => {
    const adapter = sourceOf(request)
    const { runId } = parseParams(runParamsSchema, request.params, ['source', 'runId'])
    const query = parseParams(
      runDetailQuerySchema,
      request.query,
      Object.keys(runDetailQuerySchema.shape),
    )
    return counted(request, () =>
      adapter.getRun(runId, query.workflow === undefined ? {} : { workflow: query.workflow }),
    )
  })
}
