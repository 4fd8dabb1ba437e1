/** A clock that re-renders its component every `intervalMs`, for live durations and "ago" text. */
import { useEffect, useState } from 'react'

/** The instant a server-rendered page was rendered at, while it is being rendered or hydrated. */
let renderedAtMs: number | undefined

/**
 * The server sets the instant it renders at and the browser hydrates at that same instant, so
 * "5 s ago" and the preset ranges read alike on both sides; cleared once the page is hydrated.
 */
export function setRenderClock(ms: number | undefined): void {
  renderedAtMs = ms
}

/** Further apart than a slow page load: the render clock is not the reader's. */
const clockDriftMs = 60_000

export function useNow(intervalMs: number, isActive = true): number {
  // Hydrated at the server's instant, a clock is behind by the page's load time until it ticks.
  const [now, setNow] = useState(() => renderedAtMs ?? Date.now())
  useEffect(() => {
    // A page kept long before it was hydrated, or a browser whose clock disagrees with the
    // server's: this browser's clock wins at once (it is the one the reader's "now" is on).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- after hydration, on purpose
    setNow((current) => (Math.abs(Date.now() - current) > clockDriftMs ? Date.now() : current))
  }, [])
  useEffect(() => {
    if (!isActive) return
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
    return () => window.clearInterval(timer)
  }, [intervalMs, isActive])
  return now
}
