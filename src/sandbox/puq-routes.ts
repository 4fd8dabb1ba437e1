/**
 * puq.ai's documented read API: workflows as a bare array, one workflow, executions across
 * workflows with an upstream status filter and exact totals, and one execution with its
 * steps. Errors are puq's flat `{ error, code? }` bodies.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { puqRunTypeAt } from './history'
import type { VendorHistory, WorkflowRecord } from './history'
import { enumParam, integerParam, stringParam } from './query-params'
import type { ParamFailure } from './query-params'
import { INVISIBLE, PENDING, RUNNING, createRunView, runStates, stateAt } from './run-view'
import type { RunState } from './run-view'
import { toPuqSteps } from './steps'
import { headerValue, isoTime, jsonResponse, pathSegments } from './vendor-http'
import type { VendorApi, VendorRequest, VendorResponse } from './vendor-http'

export function puqError(status: number, message: string, code?: string): VendorResponse {
  return jsonResponse(status, code === undefined ? { error: message } : { error: message, code })
}

const statusFilters = [...runStates, 'all'] as const

export function createPuqApi(history: VendorHistory, apiKey: string, seed: number): VendorApi {
  const view = createRunView(history)
  const workflowsById = new Map(history.workflows.map((workflow) => [workflow.id, workflow]))

  const invalid = (failure: ParamFailure): VendorResponse =>
    puqError(400, `${failure.message} (got "${failure.received}")`, 'VALIDATION_ERROR')

  const toWorkflowSummary = (workflow: WorkflowRecord) => ({
    id: workflow.id,
    name: workflow.spec.name,
    description: workflow.spec.description,
    webhook_url: `https://hooks.puq.ai/v1/webhooks/${workflow.id}`,
    created_at: isoTime(workflow.createdMs),
    updated_at: isoTime(workflow.updatedMs),
  })

  /**
   * The next scheduled start after now: the earliest start after now among the workflow's
   * runs. Its rows are newest created first, and a run starts within `settleMs` of its
   * creation, so only the queued ones created lately and the first few yet to be created
   * can hold it.
   */
  const nextRunAt = (workflow: WorkflowRecord, nowMs: number): string | null => {
    if (!workflow.spec.isScheduled || !workflow.spec.isEnabled) return null
    const rows = history.byWorkflow[workflow.index]
    if (!rows) return null
    const createdOf = (index: number) => history.created[rows[index] ?? 0] ?? 0
    const startedOf = (index: number) => history.started[rows[index] ?? 0] ?? 0
    let low = 0
    let high = rows.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (createdOf(middle) <= nowMs) high = middle
      else low = middle + 1
    }
    let next = Infinity
    for (let index = low; index < rows.length; index++) {
      if (createdOf(index) <= nowMs - history.settleMs) break
      if (startedOf(index) > nowMs) next = Math.min(next, startedOf(index))
    }
    // Not created yet, so not started either; none created after `next` can start before it.
    for (let index = low - 1; index >= 0 && createdOf(index) < next; index--) {
      next = Math.min(next, startedOf(index))
    }
    return next === Infinity ? null : isoTime(next)
  }

  const getWorkflow = (id: string, nowMs: number): VendorResponse => {
    const workflow = workflowsById.get(id)
    if (!workflow) return puqError(404, 'Workflow not found or access denied')
    const activeVersion = workflow.versions[workflow.versions.length - 1]
    return jsonResponse(200, {
      ...toWorkflowSummary(workflow),
      status: workflow.spec.isEnabled ? 'enabled' : 'disabled',
      active_version_id: activeVersion?.id ?? null,
      next_run_at: nextRunAt(workflow, nowMs),
      trigger_type: workflow.spec.trigger,
    })
  }

  const toRun = (row: number, state: number) => {
    const workflow = history.workflows[history.workflow[row] ?? 0]
    const createdMs = history.created[row] ?? 0
    const startedMs = history.started[row] ?? 0
    const endedMs = history.ended[row] ?? 0
    const version =
      workflow?.versions.findLast((candidate) => candidate.sinceMs <= createdMs) ??
      workflow?.versions[0]
    const status: RunState = runStates[state] ?? 'PENDING'
    const hasStarted = state !== PENDING
    // Running and paused runs have not finished; pending ones have not even started.
    const hasFinished = hasStarted && state !== RUNNING && status !== 'PAUSED'
    return {
      id: history.runIds.encode(row),
      workflow_id: workflow?.id ?? '',
      version_id: version?.id ?? '',
      version_display_name: version?.name ?? '',
      type: puqRunTypeAt(history.runType[row] ?? 0),
      status,
      duration: hasFinished ? (endedMs - startedMs) / 1000 : null,
      created_at: isoTime(createdMs),
      started_at: hasStarted ? isoTime(startedMs) : null,
      finished_at: hasFinished ? isoTime(endedMs) : null,
    }
  }

  const listExecutions = (request: VendorRequest): VendorResponse => {
    const page = integerParam(request.params, 'page', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 1,
    })
    const limit = integerParam(request.params, 'limit', { min: 1, max: 100, fallback: 20 })
    const workflowId = stringParam(request.params, 'workflow_id')
    const status = enumParam(request.params, 'status', statusFilters)
    if (!page.ok) return invalid(page)
    if (!limit.ok) return invalid(limit)
    if (!workflowId.ok) return invalid(workflowId)
    if (!status.ok) return invalid(status)
    const empty = {
      items: [],
      total: 0,
      succeeded: 0,
      failed: 0,
      page: page.value,
      limit: limit.value,
    }
    let workflow: number | null = null
    if (workflowId.value !== null) {
      const found = workflowsById.get(workflowId.value)
      if (!found) return jsonResponse(200, empty)
      workflow = found.index
    }
    const state =
      status.value === null || status.value === 'all' ? null : runStates.indexOf(status.value)
    const result = view.query(
      { workflow, state },
      (page.value - 1) * limit.value,
      limit.value,
      request.nowMs,
    )
    return jsonResponse(200, {
      items: result.rows.map((row) => toRun(row, stateAt(history, row, request.nowMs))),
      total: result.total,
      succeeded: result.succeeded,
      failed: result.failed,
      page: page.value,
      limit: limit.value,
    })
  }

  const getExecution = (id: string, nowMs: number): VendorResponse => {
    const row = history.runIds.decode(id)
    const state = row === null || row >= history.count ? INVISIBLE : stateAt(history, row, nowMs)
    if (row === null || state === INVISIBLE) {
      return puqError(404, 'Execution not found or access denied')
    }
    const steps = toPuqSteps(history, row, id, seed, nowMs)
    return jsonResponse(200, { ...toRun(row, state), steps, step_count: steps.length })
  }

  return {
    vendor: 'puq',
    authFailure(headers: IncomingHttpHeaders) {
      const authorization = headerValue(headers, 'authorization')
      if (authorization === `Token ${apiKey}`) return null
      return puqError(401, 'Unauthorized: Invalid or expired API key')
    },
    route(request) {
      const segments = pathSegments(request.path)
      const [version, collection, id, ...rest] = segments ?? []
      if (version !== 'v1' || rest.length > 0) return puqError(404, 'Not found')
      if (collection === 'workflows') {
        return id === undefined
          ? jsonResponse(200, history.workflows.map(toWorkflowSummary))
          : getWorkflow(id, request.nowMs)
      }
      if (collection === 'executions') {
        return id === undefined ? listExecutions(request) : getExecution(id, request.nowMs)
      }
      return puqError(404, 'Not found')
    },
    methodNotAllowed(method) {
      return {
        ...puqError(405, `Method ${method} not allowed`),
        headers: { allow: 'GET, HEAD' },
      }
    },
    serverError(status) {
      if (status === 500) return puqError(500, 'Internal server error', 'INTERNAL_ERROR')
      if (status === 502) return puqError(502, 'Bad gateway')
      return puqError(503, 'Service temporarily unavailable')
    },
    rateLimited() {
      return puqError(429, 'Too many requests')
    },
  }
}
