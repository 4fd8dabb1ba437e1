/**
 * Keeps every wait and loop of the bench bounded in time: sleeps, timeouts around promises,
 * polling with a limit, and a registry of things to close (servers, browsers, temp dirs) so
 * that a failed or timed-out part still leaves nothing running.
 */

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

export class TimeoutError extends Error {
  constructor(label: string, ms: number) {
    super(`${label} did not finish within ${ms} ms`)
    this.name = 'TimeoutError'
  }
}

/** Resolves like `promise`, or rejects with a TimeoutError after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(label, ms)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Polls `check` every `intervalMs` until it returns a value other than undefined, or times out. */
export async function pollUntil<T>(
  check: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMs: number; intervalMs?: number; label: string },
): Promise<T> {
  const startedAt = Date.now()
  const interval = options.intervalMs ?? 100
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() - startedAt > options.timeoutMs) break
    await sleep(interval)
  }
  throw new TimeoutError(options.label, options.timeoutMs)
}

type Cleanup = { label: string; run: () => Promise<void> }
const cleanups = new Set<Cleanup>()

/** Registers something to close; returns a function that closes it now (once) and forgets it. */
export function registerCleanup(label: string, run: () => Promise<void>): () => Promise<void> {
  const entry: Cleanup = { label, run }
  cleanups.add(entry)
  let done: Promise<void> | undefined
  return () => {
    done ??= (async () => {
      cleanups.delete(entry)
      await withTimeout(entry.run(), 20_000, `closing ${label}`).catch((error: unknown) => {
        console.error(`  (could not close ${label}: ${String(error)})`)
      })
    })()
    return done
  }
}

/** Closes everything still registered, newest first. */
export async function runAllCleanups(): Promise<void> {
  for (const entry of [...cleanups].reverse()) {
    cleanups.delete(entry)
    await withTimeout(entry.run(), 20_000, `closing ${entry.label}`).catch((error: unknown) => {
      console.error(`  (could not close ${entry.label}: ${String(error)})`)
    })
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
