/**
 * The default fake server for component tests: a small, consistent demo world that filters
 * and pages the way the real API does. Tests override single routes with `server.use`.
 */
import { http, HttpResponse } from 'msw'
import type { ApiErrorBody, ErrorCode } from '../../shared/model'
import { isRunStatus } from '../../shared/run-status'
import { makeHistory, sources, toRunPage, workflows } from './fixtures'

export const history = makeHistory()

export const apiPaths = {
  sources: '*/api/sources',
  workflows: '*/api/sources/:source/workflows',
  runs: '*/api/sources/:source/runs',
  run: '*/api/sources/:source/runs/:runId',
} as const

export function errorResponse(
  code: ErrorCode,
  status: number,
  extra: Partial<ApiErrorBody['error']> = {},
) {
  const body: ApiErrorBody = { error: { code, message: `${code} from the test server`, ...extra } }
  return HttpResponse.json(body, { status })
}

export const handlers = [
  http.get(apiPaths.sources, () => HttpResponse.json({ items: sources })),
  http.get(apiPaths.workflows, () => HttpResponse.json({ items: workflows })),
  http.get(apiPaths.runs, ({ request }) => {
    const url = new URL(request.url)
    const workflow = url.searchParams.get('workflow')
    const status = url.searchParams.get('status')?.split(',').filter(isRunStatus)
    const page = Number(url.searchParams.get('page') ?? 1)
    const pageSize = Number(url.searchParams.get('pageSize') ?? 20)
    const matches = history.filter(
      (run) =>
        (!workflow || run.workflowId === workflow) &&
        (!status || status.length === 0 || status.includes(run.status)),
    )
    return HttpResponse.json(toRunPage(matches, { page, pageSize }))
  }),
  // The page-level world has no step data; the drawer's own tests bring runs with steps.
  http.get(apiPaths.run, ({ params }) => {
    const run = history.find((candidate) => candidate.id === params.runId)
    return run
      ? HttpResponse.json({ ...run, steps: null })
      : errorResponse('NOT_FOUND', 404, { message: `Run ${String(params.runId)} was not found.` })
  }),
]
