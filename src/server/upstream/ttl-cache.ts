/**
 * A small in-memory cache with a time-to-live per entry and a size cap. Upstream pages live
 * here for a few seconds so that several tabs refreshing the same view cost one vendor call;
 * the cap keeps a long-running server from growing without bound (oldest entries go first),
 * and a sweep frees expired entries even when nothing reads or writes the cache any more.
 */
const sweepEveryMs = 10_000

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>()
  private sweeper: ReturnType<typeof setInterval> | undefined

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key)
      return undefined
    }
    return entry.value
  }

  set(key: string, value: V, ttlMs: number): void {
    if (ttlMs <= 0) return
    this.entries.delete(key)
    const now = this.now()
    this.entries.set(key, { value, expiresAt: now + ttlMs })
    // Expired entries at the front (the oldest writes) go now rather than when read again, so
    // a burst of one-off keys does not stay resident after it is over.
    for (const [oldestKey, entry] of this.entries) {
      if (entry.expiresAt > now) break
      this.entries.delete(oldestKey)
    }
    // Unref'd: a cache never keeps the process alive, and it stops once it is empty.
    this.sweeper ??= setInterval(() => this.sweep(), sweepEveryMs)
    this.sweeper.unref()
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next()
      if (oldest.done === true) break
      this.entries.delete(oldest.value)
    }
  }

  /** Drops every expired entry. */
  sweep(): void {
    const now = this.now()
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key)
    }
    if (this.entries.size === 0 && this.sweeper !== undefined) {
      clearInterval(this.sweeper)
      this.sweeper = undefined
    }
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }

  get size(): number {
    return this.entries.size
  }
}
