/**
 * puq.ai offered to the sync: one stream over every workflow (`/v1/executions`, pages of 100),
 * and each run's detail with its steps, which is where puq keeps why a run failed.
 */
import type { Source } from '../../shared/model'
import type { SourceFeed } from '../sync/feed'
import type { UpstreamClient } from '../upstream/client'
import {
  puqPaths,
  puqRunDetailSchema,
  puqRunListSchema,
  puqWorkflowListSchema,
  toRun,
  toRunDetail,
  toWorkflow,
} from './puq'

const pageSize = 100
const allRuns = 'all'

export function createPuqFeed(options: { info: Source; client: UpstreamClient }): SourceFeed {
  const { info, client } = options
  return {
    info,
    client,
    pageSize,
    rateReserve: 0,

    async readWorkflows() {
      const list = await client.get(puqPaths.workflows(), puqWorkflowListSchema)
      return list.map(toWorkflow)
    },

    streams: () => [allRuns],
    workflowOf: () => undefined,

    async readPage(_stream, page, names) {
      const list = await client.get(puqPaths.executions(), puqRunListSchema, {
        query: { page, limit: pageSize },
      })
      return {
        runs: list.items.map((run) => toRun(run, info.id, names.get(run.workflow_id))),
        total: list.total,
      }
    },

    async readDetail(id, names) {
      const detail = await client.get(puqPaths.execution(id), puqRunDetailSchema, {
        notFoundMessage: `Run ${id} was not found on ${info.label}`,
      })
      const { steps, ...run } = toRunDetail(detail, info.id, names.get(detail.workflow_id))
      return { run, steps: steps ?? [] }
    },
  }
}
