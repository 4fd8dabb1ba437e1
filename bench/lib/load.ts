/** autocannon runs with a hard stop, reduced to the figures the bench reports. */
import autocannon from 'autocannon'
import { withTimeout } from './bounded'

export type LoadResult = {
  /** Average requests per second over the run. */
  rps: number
  p50: number
  p99: number
  /** Responses received. */
  total: number
  ok2xx: number
  non2xx: number
  /** Socket errors and timeouts (no response at all). */
  errors: number
  timeouts: number
  statusCodes: Record<string, number>
  durationS: number
}

export async function runLoad(options: autocannon.Options): Promise<LoadResult> {
  const seconds = typeof options.duration === 'number' ? options.duration : 10
  let instance: autocannon.Instance | undefined
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ ...options }, (error: unknown, result: autocannon.Result) => {
      if (error instanceof Error) reject(error)
      else if (error) reject(new Error('autocannon failed'))
      else resolve(result)
    })
  })
  let result: autocannon.Result
  try {
    result = await withTimeout(finished, seconds * 1000 + 30_000, 'autocannon run')
  } catch (error) {
    instance?.stop()
    throw error
  }
  const statusCodes: Record<string, number> = {}
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stats.count ?? 0
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result['2xx'] + result.non2xx,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    durationS: result.duration,
  }
}
