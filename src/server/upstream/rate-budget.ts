/**
 * Tracks what is left of a vendor's rate-limit window per API key, from the `RateLimit-*`
 * headers of every answer. Trigify allows 100 requests per minute per key: the sync paces itself
 * by what is left (keeping a reserve), and once the window is known to be empty the client
 * answers "rate limited" without calling at all.
 */
import { createHash } from 'node:crypto'
import { maxWaitSeconds } from './backoff'

export type RateLimitHeaders = {
  limit?: number
  remaining?: number
  resetSeconds?: number
}

export class RateBudget {
  private limit: number | undefined
  private remaining: number | undefined
  private resetAt: number | undefined

  constructor(private readonly now: () => number = Date.now) {}

  /** Called before each upstream call: the answer's headers correct the estimate later. */
  spend(): void {
    this.expireWindow()
    if (this.remaining !== undefined) this.remaining = Math.max(0, this.remaining - 1)
  }

  observe(headers: RateLimitHeaders): void {
    if (headers.limit !== undefined) this.limit = headers.limit
    if (headers.resetSeconds !== undefined) {
      // Capped like Retry-After: a window that "resets" in days would stall the sync.
      this.resetAt = this.now() + Math.min(maxWaitSeconds, headers.resetSeconds) * 1000
    }
    if (headers.remaining !== undefined) this.remaining = headers.remaining
  }

  /** The vendor said 429: nothing is left until the window resets (at most the cap away). */
  exhaust(retryAfterSeconds: number): void {
    this.remaining = 0
    this.resetAt = this.now() + Math.min(maxWaitSeconds, retryAfterSeconds) * 1000
  }

  /** Whether any request may go out at all. */
  isExhausted(): boolean {
    this.expireWindow()
    return this.remaining !== undefined && this.remaining <= 0
  }

  secondsUntilReset(): number {
    if (this.resetAt === undefined) return 1
    return Math.max(1, Math.ceil((this.resetAt - this.now()) / 1000))
  }

  snapshot(): { limit?: number; remaining?: number } {
    this.expireWindow()
    return {
      ...(this.limit === undefined ? {} : { limit: this.limit }),
      ...(this.remaining === undefined ? {} : { remaining: this.remaining }),
    }
  }

  private expireWindow(): void {
    if (this.resetAt !== undefined && this.now() >= this.resetAt) {
      this.remaining = this.limit
      this.resetAt = undefined
    }
  }
}

/** One budget per (vendor base URL, key): two sources sharing a key share its limit. */
export class RateBudgetRegistry {
  private readonly budgets = new Map<string, RateBudget>()

  forKey(baseUrl: string, apiKey: string): RateBudget {
    const id = `${baseUrl}\n${fingerprint(apiKey)}`
    let budget = this.budgets.get(id)
    if (budget === undefined) {
      budget = new RateBudget()
      this.budgets.set(id, budget)
    }
    return budget
  }
}

/** A short, irreversible stand-in for a key, safe to use in map keys. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16)
}
