/**
 * Helpers for the drawer's component tests. The MSW server and its lifecycle come from the web
 * project's setup (`src/web/test`); these add a provider with a fresh client and the handlers
 * for the run detail route, which the shared default world does not answer.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { http, HttpResponse, type RequestHandler } from 'msw'
import type { ReactElement } from 'react'
import type { RunDetail } from '../../../shared/model'

/** A fresh client per test: no cache carried over, no retries hiding an error state. */
export function renderWithQuery(ui: ReactElement) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity } },
  })
  const result = render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>)
  return { ...result, queryClient }
}

export const runDetailPath = '*/api/sources/:source/runs/:runId'

/** Answers the detail route with these runs by id, and the server's 404 body for any other. */
export function runDetailHandler(
  runs: RunDetail[],
  onRequest?: (request: Request) => void,
): RequestHandler {
  return http.get(runDetailPath, ({ params, request }) => {
    onRequest?.(request)
    const run = runs.find((item) => item.id === params.runId && item.source === params.source)
    if (run) return HttpResponse.json(run)
    return HttpResponse.json(
      { error: { code: 'NOT_FOUND', message: `Run ${String(params.runId)} was not found.` } },
      { status: 404 },
    )
  })
}

export function errorHandler(status: number, code: string, message: string): RequestHandler {
  return http.get(runDetailPath, () => HttpResponse.json({ error: { code, message } }, { status }))
}

/** Any body at all, for answers that do not match the model. */
export function bodyHandler(body: unknown): RequestHandler {
  return http.get(
    runDetailPath,
    () =>
      new HttpResponse(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
  )
}
