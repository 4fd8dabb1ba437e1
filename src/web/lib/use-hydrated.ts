/**
 * False on the server and while the page hydrates what the server rendered, true after: what
 * renders only in the browser (the chart, what reads storage or the local clock's
 * zone) waits for it, so hydration meets exactly the server's HTML. Without server rendering
 * it is true from the first render.
 */
import { useSyncExternalStore } from 'react'

const noSubscription = () => () => undefined

export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
}
