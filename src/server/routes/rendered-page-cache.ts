/**
 * Rendered pages kept for the next reader of the same view (a link shared with the team, a
 * reload): rendering costs tens of milliseconds of CPU, while the answers it rendered from cost
 * about one each. A kept page is sent again only if every API answer it was rendered from is
 * still byte for byte what the API says now (asked again in-process, with the new reader's own
 * credentials), or if they were found to hold less than `freshMs` ago, well inside the
 * browser's own staleness (its data is fresh for 10 s) and the sync's interval.
 * Past `maxAgeMs` it is rendered anew, so its relative times ("3 min ago") are never far off.
 */

/** One API answer a page was rendered from. */
export type PageApiAnswer = { path: string; status: number; body: string }

type Kept = {
  page: string
  answers: readonly PageApiAnswer[]
  /** When it was rendered (its relative times are as of then). */
  atMs: number
  /** When its answers were last known to hold. */
  checkedAtMs: number
}

export type PageCacheOutcome = 'fresh' | 'revalidated'

export type RenderedPageCacheOptions = {
  maxEntries: number
  freshMs: number
  maxAgeMs: number
  nowMs?: () => number
}

export class RenderedPageCache {
  readonly #kept = new Map<string, Kept>()
  readonly #options: Required<RenderedPageCacheOptions>

  constructor(options: RenderedPageCacheOptions) {
    this.#options = { nowMs: Date.now, ...options }
  }

  /** The kept page for `key` if it still holds, and how that was known. */
  async lookup(
    key: string,
    askAgain: (path: string) => Promise<PageApiAnswer>,
  ): Promise<{ page: string; outcome: PageCacheOutcome } | undefined> {
    const kept = this.#kept.get(key)
    if (kept === undefined) return undefined
    const nowMs = this.#options.nowMs()
    if (nowMs - kept.atMs > this.#options.maxAgeMs) {
      this.#kept.delete(key)
      return undefined
    }
    // Most recently used last, so the oldest use is the first to go.
    this.#kept.delete(key)
    this.#kept.set(key, kept)
    if (nowMs - kept.checkedAtMs <= this.#options.freshMs) {
      return { page: kept.page, outcome: 'fresh' }
    }
    const now = await Promise.all(kept.answers.map((answer) => askAgain(answer.path)))
    const holds = now.every(
      (answer, index) =>
        answer.status === kept.answers[index]?.status && answer.body === kept.answers[index].body,
    )
    if (!holds) {
      this.#kept.delete(key)
      return undefined
    }
    kept.checkedAtMs = nowMs
    return { page: kept.page, outcome: 'revalidated' }
  }

  keep(key: string, page: string, answers: readonly PageApiAnswer[]): void {
    this.#kept.delete(key)
    const nowMs = this.#options.nowMs()
    this.#kept.set(key, { page, answers, atMs: nowMs, checkedAtMs: nowMs })
    for (const oldest of this.#kept.keys()) {
      if (this.#kept.size <= this.#options.maxEntries) break
      this.#kept.delete(oldest)
    }
  }
}
