/**
 * The app's own router, small on purpose. Runboard has one page whose whole state is the
 * query string, so all it needs is a history (the browser's, or one in memory for tests), a
 * hook that re-renders on navigation, and links that navigate without a reload. TanStack Router
 * did this and more for about 25 KB gzip of the first load, which the time-to-first-row
 * budget could not carry (see the README's benchmarks).
 */
import {
  createContext,
  useContext,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react'

export type AppLocation = { readonly pathname: string; readonly search: string }

export interface AppHistory {
  readonly location: AppLocation
  /** Entries in this history (memory) or this tab's session (browser). */
  readonly length: number
  push: (href: string) => void
  replace: (href: string) => void
  back: () => void
  forward: () => void
  subscribe: (listener: () => void) => () => void
}

function toLocation(href: string): AppLocation {
  const url = new URL(href, 'http://runboard.invalid')
  return { pathname: url.pathname, search: url.search }
}

export function hrefOf(location: AppLocation): string {
  return location.pathname + location.search
}

function listeners() {
  const set = new Set<() => void>()
  return {
    subscribe: (listener: () => void) => {
      set.add(listener)
      return () => void set.delete(listener)
    },
    notify: () => {
      for (const listener of set) listener()
    },
  }
}

export function createBrowserHistory(): AppHistory {
  const { subscribe, notify } = listeners()
  let location = toLocation(window.location.href)
  const sync = () => {
    const next = toLocation(window.location.href)
    if (hrefOf(next) === hrefOf(location)) return
    location = next
    notify()
  }
  window.addEventListener('popstate', sync)
  return {
    get location() {
      return location
    },
    get length() {
      return window.history.length
    },
    push: (href) => {
      window.history.pushState(null, '', href)
      sync()
    },
    replace: (href) => {
      window.history.replaceState(null, '', href)
      sync()
    },
    back: () => window.history.back(),
    forward: () => window.history.forward(),
    subscribe,
  }
}

export function createMemoryHistory(initial: string): AppHistory {
  const { subscribe, notify } = listeners()
  const entries = [toLocation(initial)]
  let index = 0
  const go = (next: number) => {
    if (next < 0 || next >= entries.length || next === index) return
    index = next
    notify()
  }
  return {
    get location() {
      return entries[index] ?? toLocation('/')
    },
    get length() {
      return entries.length
    },
    push: (href) => {
      entries.splice(index + 1, entries.length, toLocation(href))
      index = entries.length - 1
      notify()
    },
    replace: (href) => {
      entries[index] = toLocation(href)
      notify()
    },
    back: () => go(index - 1),
    forward: () => go(index + 1),
    subscribe,
  }
}

const HistoryContext = createContext<AppHistory | null>(null)

export function HistoryProvider({
  history,
  children,
}: {
  history: AppHistory
  children: ReactNode
}) {
  return <HistoryContext value={history}>{children}</HistoryContext>
}

export function useHistory(): AppHistory {
  const history = useContext(HistoryContext)
  if (!history) throw new Error('useHistory needs a HistoryProvider')
  return history
}

/** The current location; the component re-renders on every navigation, back and forward. */
export function useLocation(): AppLocation {
  const history = useHistory()
  return useSyncExternalStore(
    history.subscribe,
    () => history.location,
    () => history.location,
  )
}

/** A real link (open in a new tab works) that navigates in place on a plain click. */
export function AppLink({
  href,
  onClick,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const history = useHistory()
  function navigate(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    history.push(href)
  }
  return <a href={href} onClick={navigate} {...props} />
}
