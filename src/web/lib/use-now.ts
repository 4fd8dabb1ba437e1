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

export function useNow(intervalMs: number, isActive = true): number {
  // Hydrated at the server's instant, a clock is behind by the page's load time until it ticks.
  const [now, setNow] = useState(() => renderedAtMs ?? Date.now())
  useEffect(() => {
    if (!isActive) return
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
    return () => window.clearInterval(timer)
  }, [intervalMs, isActive])
  return now
}
