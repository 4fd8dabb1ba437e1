/**
 * Trigify's documented read API: workflows with limit/offset paging, and executions per
 * workflow with page/page_size paging, milliseconds durations and the
 * `{ success, data }` / `{ success: false, error }` envelopes.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { errorTextOf } from './error-text'
import { FAILED, noError } from './history'
import type { VendorHistory, WorkflowRecord } from './history'
import { integerParam, enumParam } from './query-params'
import type { ParamFailure } from './query-params'
import { RUNNING, createRunView, stateAt } from './run-view'
import type { RateLimitVerdict } from './rate-limit'
import { headerValue, isoTime, jsonResponse, pathSegments } from './vendor-http'
import type { VendorApi, VendorRequest, VendorResponse } from './vendor-http'

export type TrigifyErrorCode =
  | 'VALIDATION_ERROR'
  | 'AUTH_REQUIRED'
  | 'INVALID_API_KEY'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR'
  | 'BAD_GATEWAY'
  | 'SERVICE_UNAVAILABLE'

export function trigifyError(
  status: number,
  code: TrigifyErrorCode,
  message: string,
  options: { details?: Record<string, unknown> | null; suggestion?: string | null } = {},
  headers: Record<string, string> = {},
): VendorResponse {
  return jsonResponse(
    status,
    {
      success: false,
      error: {
        code,
        message,
        details: options.details ?? null,
        suggestion: options.suggestion ?? null,
      },
    },
    headers,
  )
}

const workflowStatuses = ['DRAFT', 'PUBLISHED'] as const

function toTrigifyWorkflow(workflow: WorkflowRecord): unknown {
  const [trigger, ...actions] = workflow.spec.steps
  const actionIds = actions.map((_, index) => `${workflow.id}_act_${index + 1}`)
  const nodeIds = ['trigger', ...actionIds]
  return {
    id: workflow.id,
    name: workflow.spec.name,
    description: workflow.spec.description,
    workflow: {
      trigger: { id: 'trigger', kind: trigger?.kind ?? 'manual', name: trigger?.name ?? 'Trigger' },
      actions: actions.map((action, index) => ({
        id: actionIds[index],
        kind: action.kind,
        name: action.name,
      })),
      edges: nodeIds.slice(1).map((target, index) => ({ source: nodeIds[index], target })),
    },
    enabled: workflow.spec.isEnabled,
    status: workflow.spec.isEnabled ? 'PUBLISHED' : 'DRAFT',
    created_at: isoTime(workflow.createdMs),
    updated_at: isoTime(workflow.updatedMs),
  }
}

/** Trigify names the failing step in the message, e.g. `Step 'Enrich profile' failed: ...`. */
export function trigifyErrorText(history: VendorHistory, row: number): string | null {
  const text = errorTextOf(history, row)
  if (text === null) return null
  const spec = history.workflows[history.workflow[row] ?? 0]?.spec
  const step = spec?.errors[history.errorIndex[row] ?? noError]?.step ?? null
  const stepName = step === null ? null : spec?.steps[step]?.name
  return stepName ? `Step '${stepName}' failed: ${text}` : text
}

export function createTrigifyApi(history: VendorHistory, apiKey: string): VendorApi {
  const view = createRunView(history)
  const workflowsById = new Map(history.workflows.map((workflow) => [workflow.id, workflow]))

  const invalid = (name: string, failure: ParamFailure): VendorResponse =>
    trigifyError(400, 'VALIDATION_ERROR', `Invalid query parameter: ${name}`, {
      details: { field: name, issue: failure.message, received: failure.received },
      suggestion: 'Check the parameter against the API reference and retry.',
    })

  const notFound = (what: string): VendorResponse =>
    trigifyError(404, 'NOT_FOUND', `${what} not found`, {
      suggestion: 'Check the ID or path and try again.',
    })

  const listWorkflows = (params: URLSearchParams): VendorResponse => {
    const limit = integerParam(params, 'limit', { min: 1, max: 100, fallback: 20 })
    const offset = integerParam(params, 'offset', {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 0,
    })
    const status = enumParam(params, 'status', workflowStatuses)
    if (!limit.ok) return invalid('limit', limit)
    if (!offset.ok) return invalid('offset', offset)
    if (!status.ok) return invalid('status', status)
    const matching = history.workflows.filter(
      (workflow) =>
        status.value === null || (workflow.spec.isEnabled ? 'PUBLISHED' : 'DRAFT') === status.value,
    )
    const items = matching.slice(offset.value, offset.value + limit.value).map(toTrigifyWorkflow)
    return jsonResponse(200, {
      message: 'Workflows retrieved successfully',
      success: true,
      data: {
        items,
        total_count: matching.length,
        limit: limit.value,
        offset: offset.value,
        has_more: offset.value + items.length < matching.length,
      },
    })
  }

  const listExecutions = (workflowId: string, request: VendorRequest): VendorResponse => {
    const workflow = workflowsById.get(workflowId)
    if (!workflow) return notFound('Workflow')
    const page = integerParam(request.params, 'page', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 1,
    })
    const pageSize = integerParam(request.params, 'page_size', { min: 1, max: 100, fallback: 20 })
    if (!page.ok) return invalid('page', page)
    if (!pageSize.ok) return invalid('page_size', pageSize)
    const offset = (page.value - 1) * pageSize.value
    const result = view.query(
      { workflow: workflow.index, state: null },
      offset,
      pageSize.value,
      request.nowMs,
    )
    const executions = result.rows.map((row) => {
      const startedMs = history.started[row] ?? 0
      const endedMs = history.ended[row] ?? 0
      const isRunning = stateAt(history, row, request.nowMs) === RUNNING
      const isFailed = !isRunning && history.outcome[row] === FAILED
      return {
        run_id: history.runIds.encode(row),
        status: isRunning ? 'running' : isFailed ? 'failed' : 'completed',
        started_at: isoTime(startedMs),
        completed_at: isRunning ? null : isoTime(endedMs),
        duration: isRunning ? null : endedMs - startedMs,
        error: isFailed ? trigifyErrorText(history, row) : null,
      }
    })
    return jsonResponse(200, {
      success: true,
      data: {
        executions,
        pagination: {
          page: page.value,
          page_size: pageSize.value,
          total_count: result.total,
          total_pages: Math.ceil(result.total / pageSize.value),
        },
      },
    })
  }

  return {
    vendor: 'trigify',
    authFailure(headers: IncomingHttpHeaders) {
      const key = headerValue(headers, 'x-api-key')
      if (key === null || key === '') {
        return trigifyError(401, 'AUTH_REQUIRED', 'API key is required', {
          suggestion: 'Send your API key in the x-api-key header.',
        })
      }
      if (key !== apiKey) {
        return trigifyError(401, 'INVALID_API_KEY', 'The API key provided is invalid', {
          suggestion: 'Check the key in Settings > API keys, or create a new one.',
        })
      }
      return null
    },
    route(request) {
      const segments = pathSegments(request.path)
      if (segments?.[0] !== 'v1' || segments[1] !== 'workflows') return notFound('Endpoint')
      if (segments.length === 2) return listWorkflows(request.params)
      const workflowId = segments[2]
      if (segments.length === 4 && segments[3] === 'executions' && workflowId !== undefined) {
        return listExecutions(workflowId, request)
      }
      return notFound('Endpoint')
    },
    methodNotAllowed(method) {
      return trigifyError(
        405,
        'METHOD_NOT_ALLOWED',
        `Method ${method} is not allowed on this endpoint`,
        { suggestion: 'This API is read-only here: use GET.' },
        { allow: 'GET, HEAD' },
      )
    },
    serverError(status) {
      const codes = {
        500: 'INTERNAL_ERROR',
        502: 'BAD_GATEWAY',
        503: 'SERVICE_UNAVAILABLE',
      } as const
      return trigifyError(status, codes[status], 'An unexpected error occurred', {
        suggestion: 'Retry the request later. If the problem persists, contact support.',
      })
    },
    rateLimited(verdict: RateLimitVerdict) {
      return trigifyError(
        429,
        'RATE_LIMITED',
        `Rate limit exceeded: ${verdict.limit} requests per 60 seconds`,
        {
          details: { limit: verdict.limit, window_seconds: 60, retry_after: verdict.resetSeconds },
          suggestion: `Wait ${verdict.resetSeconds} seconds before retrying.`,
        },
        { 'retry-after': String(verdict.resetSeconds) },
      )
    },
  }
}
