/**
 * Timing rules for talking to vendors: exponential backoff with full jitter between retries
 * (so that many clients recovering at once do not retry in lockstep), and how long a 429
 * asks us to wait (`Retry-After` as seconds or an HTTP date, else `RateLimit-Reset`).
 */
export const maxRetries = 2
const baseDelayMs = 100
const maxDelayMs = 1_000

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
  const retryAfter = headers['retry-after']
  const text = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter
  if (text !== undefined) {
    const seconds = headerNumber(text)
    if (seconds !== undefined) return Math.max(1, Math.ceil(seconds))
    const date = Date.parse(text)
    if (Number.isFinite(date)) return Math.max(1, Math.ceil((date - now) / 1000))
  }
  const reset = headerNumber(headers['ratelimit-reset'])
  if (reset !== undefined) return Math.max(1, Math.ceil(reset))
  return 1
}
