/**
 * Trigify offered to the sync: the workflow list (limit/offset pages), and one stream per
 * workflow read in pages of 100. Trigify has no run endpoint, so there is no detail read: a
 * Trigify run is known from its listing alone.
 */
import type { Workflow } from '../../shared/model'
import type { SourceFeed } from '../sync/feed'
import type { UpstreamClient } from '../upstream/client'
import {
  readWorkflowList,
  toRun,
  toWorkflow,
  trigifyExecutionPageSchema,
  trigifyPaths,
  trigifyWorkflowListSchema,
} from './trigify'
import type { Source } from '../../shared/model'

const pageSize = 100
const workflowPageLimit = 100
const maxWorkflowPages = 50
const streamPrefix = 'wf:'

export function createTrigifyFeed(options: {
  info: Source
  client: UpstreamClient
  rateReserve: number
}): SourceFeed {
  const { info, client } = options
  return {
    info,
    client,
    pageSize,
    rateReserve: options.rateReserve,

    async readWorkflows() {
      const workflows: Workflow[] = []
      for (let page = 0; page < maxWorkflowPages; page += 1) {
        const list = await client.get(trigifyPaths.workflows(), trigifyWorkflowListSchema, {
          query: { limit: workflowPageLimit, offset: page * workflowPageLimit },
        })
        const { items, hasMore } = readWorkflowList(list, workflowPageLimit)
        workflows.push(...items.map(toWorkflow))
        if (!hasMore) break
      }
      return workflows
    },

    streams: (workflows) => workflows.map((workflow) => `${streamPrefix}${workflow.id}`),
    workflowOf: (stream) =>
      stream.startsWith(streamPrefix) ? stream.slice(streamPrefix.length) : undefined,

    async readPage(stream, page, names) {
      const workflowId = stream.slice(streamPrefix.length)
      const body = await client.get(
        trigifyPaths.executions(workflowId),
        trigifyExecutionPageSchema,
        {
          query: { page, page_size: pageSize },
          notFoundMessage: `Workflow ${workflowId} was not found on ${info.label}`,
        },
      )
      return {
        runs: body.data.executions.map((execution) =>
          toRun(execution, info.id, workflowId, names.get(workflowId)),
        ),
        total: body.data.pagination.total_count,
      }
    },
  }
}
