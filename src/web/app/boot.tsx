/**
 * Boots the SPA once its code has arrived. A page the server rendered (its state is embedded
 * beside it) is hydrated from that state: the same cache, the same clock and, when the server
 * rendered in this browser's zone, the same times, so nothing is fetched or drawn twice (in
 * another zone, it is drawn afresh from the same data). Without it the first queries claim the
 * early API responses (see lib/early-fetch.ts) and React renders from scratch.
 */
import { hydrate, type DehydratedState } from '@tanstack/react-query'
import { StrictMode, useEffect } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, hydrateRoot } from 'react-dom/client'
import * as z from 'zod/mini'
import { pageStateElementId, pageStateSchema, timeZoneCookie } from '../../shared/page-render'
import { localTimeZone } from '../lib/format'
import { preloadLazy } from '../lib/preloadable-lazy'
import { setRenderClock } from '../lib/use-now'
import { AppProviders } from './providers'
import { createQueryClient } from './query-client'
import { createBrowserHistory } from '../lib/navigation'

const dehydratedStateSchema = z.custom<DehydratedState>(
  (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    'queries' in value &&
    Array.isArray(value.queries) &&
    'mutations' in value &&
    Array.isArray(value.mutations),
)

function renderedState() {
  const text = document.getElementById(pageStateElementId)?.textContent
  if (!text) return undefined
  try {
    const state = pageStateSchema.parse(JSON.parse(text))
    return { ...state, queries: dehydratedStateSchema.parse(state.queries) }
  } catch {
    // A state that does not read is no worse than none: the page renders and fetches afresh.
    return undefined
  }
}

/** Ends the hydration clock once the page is live (a parent's effect runs after its children's). */
function HydrationDone() {
  useEffect(() => setRenderClock(undefined), [])
  return null
}

const zone = localTimeZone()
// The server renders the next page in this zone; a year is long enough to outlast a move.
document.cookie = `${timeZoneCookie}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`

const queryClient = createQueryClient()
const history = createBrowserHistory()
const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

const app = (
  <StrictMode>
    <AppProviders queryClient={queryClient} history={history} />
    <HydrationDone />
  </StrictMode>
)
function start(root: HTMLElement, state: ReturnType<typeof renderedState>) {
  if (state === undefined) {
    createRoot(root).render(app)
    return
  }
  // The data is right in any zone: the page starts from it either way.
  hydrate(queryClient, state.queries)
  if (state.timeZone !== zone) {
    // Rendered in another zone (a first visit, before the cookie): every time would be wrong.
    // The page is drawn afresh from the same data, on this browser's clock, in one synchronous
    // commit: no blank page in between, and no click lands on a row about to be replaced.
    flushSync(() => createRoot(root).render(app))
    return
  }
  setRenderClock(state.renderedAtMs)
  hydrateRoot(root, app)
}

const state = renderedState()
if (state === undefined || state.lazy.length === 0) {
  start(container, state)
} else {
  // The page's lazy parts (an open drawer) must render at once, as on the server. If their code
  // does not arrive, React renders them in the browser when it does.
  void preloadLazy(state.lazy)
    .catch(() => undefined)
    .then(() => start(container, state))
}
