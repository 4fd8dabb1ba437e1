/**
 * The default fake server for component tests: a small, consistent demo world that filters
 * and pages the way the real API does. Tests override single routes with `server.use`.
 */
import { http, HttpResponse } from 'msw'
import type { ApiErrorBody, ErrorCode, Run } from '../../shared/model'
import { isRunStatus } from '../../shared/run-status'
import { fixtureNow, makeHistory, sources, toRunPage, toRunStats, workflows } from './fixtures'

export const history = makeHistory()

export const apiPaths = {
  sources: '*/api/sources',
  workflows: '*/api/sources/:source/workflows',
  runs: '*/api/sources/:source/runs',
  run: '*/api/sources/:source/runs/:runId',
  stats: '*/api/sources/:source/stats',
} as const

export function errorResponse(
  code: ErrorCode,
  status: number,
  extra: Partial<ApiErrorBody['error']> = {},
) {
  const body: ApiErrorBody = { error: { code, message: `${code} from the test server`, ...extra } }
  return HttpResponse.json(body, { status })
}

/** The listing's orders; runs without a duration last either way, as on the server. */
function sortRuns(runs: Run[], sort: string): Run[] {
  const started = (run: Run) => Date.parse(run.startedAt ?? run.createdAt ?? '') || 0
  const sorted = [...runs]
  if (sort === 'started') sorted.sort((a, b) => started(a) - started(b))
  else if (sort === '-started') sorted.sort((a, b) => started(b) - started(a))
  else {
    const sign = sort === 'duration' ? 1 : -1
    sorted.sort((a, b) => {
      if (a.durationMs === undefined || b.durationMs === undefined)
        return (a.durationMs === undefined ? 1 : 0) - (b.durationMs === undefined ? 1 : 0)
      return sign * (a.durationMs - b.durationMs)
    })
  }
  return sorted
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
    const from = Date.parse(url.searchParams.get('from') ?? '')
    const to = Date.parse(url.searchParams.get('to') ?? '')
    const startedIn = (run: Run) => {
      const ms = Date.parse(run.startedAt ?? '')
      return !(ms < from) && !(ms >= to)
    }
    // As the server's search: an id or its start, else every word in the error or the name.
    const words = url.searchParams.get('q')?.toLowerCase().split(/\s+/).filter(Boolean) ?? []
    const found = (run: Run) => {
      if (words.length === 0 || run.id.startsWith(words.join(' '))) return true
      const text = `${run.error ?? ''} ${run.workflowName ?? ''}`.toLowerCase()
      return words.every((word) => text.includes(word))
    }
    const matches = sortRuns(
      history.filter(
        (run) =>
          (!workflow || run.workflowId === workflow) &&
          (!status || status.length === 0 || status.includes(run.status)) &&
          startedIn(run) &&
          found(run),
      ),
      url.searchParams.get('sort') ?? '-started',
    )
    // As the server does: a page past the end is a 404; page 1 always exists.
    const pages = Math.ceil(matches.length / pageSize)
    if (page > Math.max(1, pages)) {
      return errorResponse('NOT_FOUND', 404, {
        message: `page: there is no page ${page}; this view has ${pages} pages`,
        source: 'demo-puq',
      })
    }
    return HttpResponse.json(toRunPage(matches, { page, pageSize }))
  }),
  http.get(apiPaths.stats, ({ request }) => {
    const url = new URL(request.url)
    const from = url.searchParams.get('from') ?? new Date(fixtureNow - 7 * 86_400_000).toISOString()
    const to = url.searchParams.get('to') ?? new Date(fixtureNow).toISOString()
    return HttpResponse.json(toRunStats(history, { from, to }))
  }),
  // The page-level world has no step data; the drawer's own tests bring runs with steps.
  http.get(apiPaths.run, ({ params }) => {
    const run = history.find((candidate) => candidate.id === params.runId)
    return run
      ? HttpResponse.json({ ...run, steps: null })
      : errorResponse('NOT_FOUND', 404, { message: `Run ${String(params.runId)} was not found.` })
  }),
]
