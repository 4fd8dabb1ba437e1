/**
 * A vendor's rate-limit headers may ask for any wait, 99999999 s included: the client caps it
 * at a few minutes, refuses without calling until then, and asks the vendor again after it.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../errors'
import { maxWaitSeconds, retryAfterSeconds } from './backoff'
import {
  fakeVendorClient,
  newAgent,
  okSchema,
  rejectionOf,
  startFakeVendor,
} from './fake-vendor.test-support'
import { RateBudget } from './rate-budget'

const agent = newAgent()
afterAll(() => agent.close())

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-11-20T12:00:00Z')

  it.each([
    [{ 'retry-after': '99999999' }, maxWaitSeconds],
    [{ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }, maxWaitSeconds],
    [{ 'ratelimit-reset': '99999999' }, maxWaitSeconds],
    [{ 'retry-after': '30' }, 30],
    [{ 'retry-after': 'Fri, 20 Nov 2026 12:00:42 GMT' }, 42],
    [{ 'ratelimit-reset': '0.2' }, 1],
    [{}, 1],
  ])('reads %j as %i s', (headers, seconds) => {
    expect(retryAfterSeconds(headers, now)).toBe(seconds)
  })

  it('caps at a few minutes', () => {
    expect(maxWaitSeconds).toBeGreaterThanOrEqual(60)
    expect(maxWaitSeconds).toBeLessThanOrEqual(300)
  })
})

describe('a 429 asking for 99999999 s', () => {
  it.each([
    ['Retry-After', { 'retry-after': '99999999' }],
    ['RateLimit-Reset', { 'ratelimit-reset': '99999999', 'ratelimit-remaining': '0' }],
  ])('with %s locks the source for the cap only, then probes again', async (_name, headers) => {
    let limited = true
    const vendor = await startFakeVendor(() =>
      limited
        ? { status: 429, headers, body: { error: 'slow down' } }
        : { status: 200, body: { ok: true } },
    )
    let clock = Date.parse('2026-11-20T12:00:00Z')
    const now = () => clock
    const client = fakeVendorClient(vendor, agent, { now, rateBudget: new RateBudget(now) })
    try {
      const first = await rejectionOf(client.get('/v1/workflows', okSchema))
      expect(first).toBeInstanceOf(ApiError)
      const error = first as ApiError
      expect(error.code).toBe('UPSTREAM_RATE_LIMITED')
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(maxWaitSeconds)
      expect(error.message).toBe(
        `The puq.ai API rate limit is used up; try again in ${error.retryAfterSeconds} s`,
      )
      expect(vendor.requests).toHaveLength(1)

      // Within the capped wait the client answers for the vendor, without calling it.
      clock += (maxWaitSeconds - 1) * 1000
      const meanwhile = await rejectionOf(client.get('/v1/workflows', okSchema))
      expect(meanwhile).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 1 })
      expect(vendor.requests).toHaveLength(1)

      // Past the cap it asks again, and a vendor that recovered is read.
      limited = false
      clock += 2_000
      await expect(client.get('/v1/workflows', okSchema)).resolves.toEqual({ ok: true })
      expect(vendor.requests).toHaveLength(2)
    } finally {
      await vendor.close()
    }
  })

  it('a vendor still limiting after the cap is asked once more per capped wait', async () => {
    const vendor = await startFakeVendor(() => ({
      status: 429,
      headers: { 'retry-after': '99999999' },
      body: {},
    }))
    let clock = 0
    const now = () => clock
    const client = fakeVendorClient(vendor, agent, { now, rateBudget: new RateBudget(now) })
    try {
      for (let round = 1; round <= 3; round += 1) {
        await rejectionOf(client.get('/v1/workflows', okSchema))
        await rejectionOf(client.get('/v1/workflows', okSchema))
        expect(vendor.requests).toHaveLength(round)
        clock += maxWaitSeconds * 1000
      }
    } finally {
      await vendor.close()
    }
  })
})
