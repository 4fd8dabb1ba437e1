/** The workflows of a source, for the workflow filter and for names the runs lack. */
import { workflowsResponseSchema, type WorkflowsResponse } from '../../../../shared/model'
import { apiGet } from '../../../lib/api-client'

export function fetchWorkflows(
  source: string,
  options: { signal?: AbortSignal } = {},
): Promise<WorkflowsResponse> {
  return apiGet(
    `/api/sources/${encodeURIComponent(source)}/workflows`,
    workflowsResponseSchema,
    options,
  )
}
