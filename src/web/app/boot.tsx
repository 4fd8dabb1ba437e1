/**
 * Boots the SPA once its code has arrived. A page the server rendered (its state is embedded
 * beside it) is hydrated from that state: the same cache, clock and zone, so nothing is fetched
 * or drawn twice. Without it the first queries claim the early API responses (see
 * lib/early-fetch.ts) and React renders from scratch. Either way, what the reader clicked
 * meanwhile happens once the app is live (lib/early-input.ts).
 */
import { hydrate, type DehydratedState } from '@tanstack/react-query'
import { StrictMode, useEffect, useSyncExternalStore } from 'react'
import { createRoot, hydrateRoot } from 'react-dom/client'
import * as z from 'zod/mini'
import { pageStateElementId, pageStateSchema, timeZoneCookie } from '../../shared/page-render'
import { localTimeZone, setLocalTimeZone } from '../lib/format'
import { replayEarlyInput } from '../lib/early-input'
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

const browserZone = localTimeZone()
// The server renders the next page in this zone; a year is long enough to outlast a move.
document.cookie = `${timeZoneCookie}=${encodeURIComponent(browserZone)}; path=/; max-age=31536000; samesite=lax`

const queryClient = createQueryClient()
const history = createBrowserHistory()
const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

const noSubscription = () => () => undefined

/**
 * The app, hydrated in the zone the server rendered in. A page rendered in another zone (a
 * first visit, before the cookie) renders again in this browser's right after hydrating: the
 * same nodes with new times, rather than a page drawn anew. Its effects run after its
 * children's, so once they run the whole page is live.
 */
function LiveApp({ renderedZone }: { renderedZone: string }) {
  // React hydrates with the server's snapshot, then renders again with the browser's.
  const zone = useSyncExternalStore(
    noSubscription,
    () => browserZone,
    () => renderedZone,
  )
  // Times read the zone from lib/format while rendering, children after their parent.
  setLocalTimeZone(zone === browserZone ? undefined : zone)
  useEffect(() => {
    setRenderClock(undefined)
    replayEarlyInput()
  }, [])
  return <AppProviders queryClient={queryClient} history={history} />
}

function start(root: HTMLElement, state: ReturnType<typeof renderedState>) {
  if (state === undefined) {
    createRoot(root).render(
      <StrictMode>
        <LiveApp renderedZone={browserZone} />
      </StrictMode>,
    )
    return
  }
  // The page starts from the data, the instant and the zone it was rendered with: hydration
  // meets exactly the server's HTML, and nothing is fetched again.
  hydrate(queryClient, state.queries)
  setRenderClock(state.renderedAtMs)
  hydrateRoot(
    root,
    <StrictMode>
      <LiveApp renderedZone={state.timeZone} />
    </StrictMode>,
  )
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
