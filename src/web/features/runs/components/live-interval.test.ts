import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../lib/api-client'
import { makeRun, toRunPage } from '../../../test/fixtures'
import { liveInterval } from './use-runs-query'

// Answers holding these runs (as whichever page the view is on).
const settled = toRunPage(
  [makeRun({ id: 'run_a', status: 'succeeded' }), makeRun({ id: 'run_b', status: 'failed' })],
  { page: 1, pageSize: 20 },
)
const inFlight = toRunPage(
  [makeRun({ id: 'run_c', status: 'running' }), makeRun({ id: 'run_d', status: 'succeeded' })],
  { page: 1, pageSize: 20 },
)
const rateLimited = (retryAfterSeconds?: number) =>
  new ApiError({
    code: 'UPSTREAM_RATE_LIMITED',
    status: 429,
    message: 'slow down',
    retryAfterSeconds,
  })

describe('liveInterval: when the runs list polls', () => {
  it.each([
    ['page 1, where new runs land', undefined, settled, 1, 10_000],
    ['a later page with a run in flight', undefined, inFlight, 3, 10_000],
    ['a later page of settled runs', undefined, settled, 3, false],
    ['a later page not answered yet', undefined, undefined, 3, false],
    ['a rate limit: waits it out', rateLimited(60), settled, 1, 60_000],
    ['a short rate limit: never faster than the interval', rateLimited(2), settled, 1, 10_000],
    ['a rate limit without Retry-After: 30 s', rateLimited(), settled, 1, 30_000],
    [
      'a refused key, which will not fix itself',
      new ApiError({ code: 'UPSTREAM_AUTH', status: 502, message: 'bad key' }),
      settled,
      1,
      false,
    ],
    [
      'a timeout, which may pass',
      new ApiError({ code: 'UPSTREAM_TIMEOUT', status: 504, message: 'slow' }),
      settled,
      1,
      10_000,
    ],
  ] as const)('%s', (_name, error, data, page, expected) => {
    expect(liveInterval(error, data, page, 10_000)).toBe(expected)
  })
})
