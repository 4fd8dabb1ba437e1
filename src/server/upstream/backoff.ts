/**
 * Timing rules for talking to vendors: exponential backoff with full jitter between retries
 * (so that many clients recovering at once do not retry in lockstep), and how long a 429
 * asks us to wait (`Retry-After` as seconds or an HTTP date, else `RateLimit-Reset`), capped
 * at a few minutes: a vendor's wrong or hostile `Retry-After: 99999999` must not lock a source
 * until restart; after the cap we simply ask again, and a vendor still limiting says so anew.
 */
export const maxRetries = 2
const baseDelayMs = 100
const maxDelayMs = 1_000
/** The longest wait a vendor's rate-limit headers can impose, in seconds. */
export const maxWaitSeconds = 300

export function backoffDelayMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry)
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

type HeaderValue = string | string[] | undefined

export function headerNumber(value: HeaderValue): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (text === undefined || text.trim() === '') return undefined
  const number = Number(text)
  return Number.isFinite(number) && number >= 0 ? number : undefined
}

export function retryAfterSeconds(
  headers: Record<string, HeaderValue>,
  now: number = Date.now(),
): number {
  return capWaitSeconds(requestedWaitSeconds(headers, now))
}

/** A wait in whole seconds, at least 1 and at most `maxWaitSeconds`. */
export function capWaitSeconds(seconds: number): number {
  return Math.min(maxWaitSeconds, Math.max(1, Math.ceil(seconds)))
}

function requestedWaitSeconds(headers: Record<string, HeaderValue>, now: number): number {
  const retryAfter = headers['retry-after']
  const text = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter
  if (text !== undefined) {
    const seconds = headerNumber(text)
    if (seconds !== undefined) return seconds
    const date = Date.parse(text)
    if (Number.isFinite(date)) return (date - now) / 1000
  }
  return headerNumber(headers['ratelimit-reset']) ?? 1
}
