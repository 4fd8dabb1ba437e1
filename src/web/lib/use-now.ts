/** A clock that re-renders its component every `intervalMs`, for live durations and "ago" text. */
import { useEffect, useState } from 'react'

export function useNow(intervalMs: number, isActive = true): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!isActive) return
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
    return () => window.clearInterval(timer)
  }, [intervalMs, isActive])
  return now
}
