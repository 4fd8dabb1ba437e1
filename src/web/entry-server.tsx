/**
 * Server rendering of a deep link (built by `vite build --ssr`, loaded by the server by path):
 * the same app the browser runs, on a memory history at the requested address, with a query
 * cache filled in-process. Rendering shows which queries the view asks for; they are fetched
 * and the view rendered again, until it asks for nothing new or the data budget runs out.
 * What did not arrive in time, or failed, is left out: the page shows it loading and the
 * browser asks for it, as it would without server rendering.
 */
import { dehydrate, type Query, type QueryClient } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { renderToString } from 'react-dom/server'
import type { RenderedPage, RenderPageOptions } from '../shared/page-render'
import { AppProviders } from './app/providers'
import { askDeepLink } from './app/routes/runs-deep-link'
import { parseRunsSearch, type RunsSearch } from './features/runs/runs-search'
import { sourceQueries } from './features/sources/api/fetch-sources'
import { parseSearch } from './lib/search-serializer'
import { acceptedSourceIds, shownRunsView } from '../shared/runs-view'
import { createQueryClient } from './app/query-client'
import { createMemoryHistory } from './lib/navigation'
import { setLocalTimeZone } from './lib/format'
import { preloadLazy, renderedLazyNames } from './lib/preloadable-lazy'
import { setRenderClock } from './lib/use-now'

export { setApiTransport } from './lib/api-client'

/** After the sources: the rows, the workflows and an open run; then its failure group. */
const maxRounds = 3

function isEnabled(query: Query): boolean {
  const { enabled } = query.options as { enabled?: boolean | ((query: Query) => boolean) }
  return typeof enabled === 'function' ? enabled(query) : enabled !== false
}

/** Queries the last render built and nobody fetched yet. */
function wanted(client: QueryClient): Query[] {
  return client
    .getQueryCache()
    .findAll({ predicate: (query) => query.state.status === 'pending' && isEnabled(query) })
    .filter((query) => query.state.fetchStatus === 'idle')
}

/**
 * The runs view a `/runs` address shows, if it names a source the server has: an unknown one
 * is corrected by the page (to the first source), and asked for then, never uncorrected.
 */
function knownDeepLink(url: string, sourceIds: readonly string[]): RunsSearch | undefined {
  const { pathname, search } = new URL(url, 'http://runboard.invalid')
  if (pathname !== '/runs') return undefined
  const view = parseRunsSearch(parseSearch(search))
  const known = acceptedSourceIds(sourceIds)
  if (view.source === undefined || !known.includes(view.source)) return undefined
  return shownRunsView(view, known)
}

async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms))
  })
  try {
    return await Promise.race([work.then(() => true), late])
  } finally {
    clearTimeout(timer)
  }
}

export async function renderPage(url: string, options: RenderPageOptions): Promise<RenderedPage> {
  // One attempt: a failed query is the browser's to retry, with its error shown in place.
  const client = createQueryClient({ retry: false })
  const history = createMemoryHistory(url)
  const renderedAtMs = Date.now()
  // Every lazy component's code is at hand before the first render (the first page loads it).
  await preloadLazy()
  let lazyNames: string[] = []
  const render = () => {
    // Both are read while rendering only, and rendering is synchronous: no other page sees them.
    setLocalTimeZone(options.timeZone)
    setRenderClock(renderedAtMs)
    try {
      const { result, names } = renderedLazyNames(() =>
        renderToString(
          <StrictMode>
            <AppProviders queryClient={client} history={history} />
          </StrictMode>,
        ),
      )
      lazyNames = names
      return result
    } finally {
      setLocalTimeZone(undefined)
      setRenderClock(undefined)
    }
  }

  // The budget counts time spent waiting for data only, not rendering: a slow machine renders
  // slowly either way, and only a slow store or vendor is worth sending the page without rows.
  // Every fetch is followed by a render: the HTML always shows all the data the state holds.
  let budgetMs = options.dataBudgetMs
  const fetchedInTime = async (work: Promise<unknown>[]) => {
    const startedMs = performance.now()
    const settled = await settledWithin(Promise.allSettled(work), budgetMs)
    budgetMs -= performance.now() - startedMs
    return settled
  }
  // Every view starts from the sources, and a deep link to runs names what else it shows: all
  // of it is asked at once, before the first render, so that renders (the costly part) are not
  // spent on learning what to ask. What the page asks beyond that, the loop below finds.
  const deepLink = knownDeepLink(url, options.sourceIds)
  const hasData = await fetchedInTime([
    client.query(sourceQueries.list()),
    ...(deepLink === undefined ? [] : askDeepLink(client, deepLink, renderedAtMs)),
  ])
  let html = render()
  for (let round = 0; hasData && round < maxRounds; round += 1) {
    const queries = wanted(client)
    if (queries.length === 0) break
    if (!(await fetchedInTime(queries.map((query) => query.fetch())))) break
    html = render()
  }
  // The browser's cache starts from exactly what the page shows: a failed or unfinished query
  // is dropped, and the page rendered again without it (else the last render is the page).
  // (A query the page leaves to the browser, disabled here, stays: it shows loading either way.)
  const isUnanswered = (query: Query) =>
    query.state.status === 'error' || (query.state.status === 'pending' && isEnabled(query))
  if (client.getQueryCache().findAll({ predicate: isUnanswered }).length > 0) {
    client.removeQueries({ predicate: isUnanswered })
    html = render()
  }
  const state = {
    queries: dehydrate(client),
    timeZone: options.timeZone,
    renderedAtMs,
    lazy: lazyNames,
  }
  client.clear()
  return { html, state }
}
