/**
 * Trigify's published rate limit: a fixed 60-second window per API key (per client address
 * without a key). Runboard must pace itself against it, so the sandbox enforces it for real,
 * on the wall clock even when the history's clock is frozen.
 */

export const rateLimitWindowMs = 60_000

export type RateLimitVerdict = {
  isAllowed: boolean
  limit: number
  remaining: number
  /** Whole seconds until the window resets (at least 1 while it is open). */
  resetSeconds: number
}

export type RateLimiter = {
  hit(key: string, limit: number): RateLimitVerdict
  reset(): void
}

export function createRateLimiter(clock: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { startMs: number; count: number }>()

  const forgetExpired = (nowMs: number): void => {
    for (const [key, window] of windows) {
      if (nowMs - window.startMs >= rateLimitWindowMs) windows.delete(key)
    }
  }

  return {
    hit(key, limit) {
      const nowMs = clock()
      // A client spraying random keys must not grow the table without bound.
      if (windows.size > 10_000) forgetExpired(nowMs)
      let window = windows.get(key)
      if (!window || nowMs - window.startMs >= rateLimitWindowMs) {
        window = { startMs: nowMs, count: 0 }
        windows.set(key, window)
      }
      window.count++
      const resetSeconds = Math.max(
        1,
        Math.ceil((window.startMs + rateLimitWindowMs - nowMs) / 1000),
      )
      return {
        isAllowed: window.count <= limit,
        limit,
        remaining: Math.max(0, limit - window.count),
        resetSeconds,
      }
    },
    reset() {
      windows.clear()
    },
  }
}
