/**
 * One deadline per API answer, read from the request context: the client never starts a
 * request after it, gives each request at most the time left, and a request cut short by one
 * answer's deadline does not fail another caller that joined it with more time (the sync).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { ApiError } from '../errors'
import {
  fakeVendorClient,
  newAgent,
  okSchema,
  rejectionOf,
  startFakeVendor,
} from './fake-vendor.test-support'
import { requestContext, type RequestContext } from './request-context'

const agent = newAgent()
afterAll(() => agent.close())

/** Runs `work` as the API answer with `deadlineMs` left would. */
function asAnswer<T>(deadlineMs: number, work: () => Promise<T>): Promise<T> {
  const context: RequestContext = {
    upstreamCalls: 0,
    deadline: { atMs: Date.now() + deadlineMs, ms: deadlineMs },
  }
  return requestContext.run(context, work)
}

describe('the deadline of an API answer', () => {
  it('cuts a hanging request at the deadline, not at the (long) timeout', async () => {
    const vendor = await startFakeVendor(() => 'hang')
    const client = fakeVendorClient(vendor, agent, { timeoutMs: 60_000 })
    try {
      const error = await asAnswer(300, () => rejectionOf(client.get('/v1/workflows', okSchema)))
      expect(error).toBeInstanceOf(ApiError)
      expect(error).toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
        message:
          'The puq.ai API did not answer within 300 ms, the time one Runboard answer may take',
      })
      expect(vendor.requests).toHaveLength(1)
      // A short deadline says nothing about the vendor's health.
      expect(client.health()).toEqual({ reachable: null })
    } finally {
      await vendor.close()
    }
  }, 10_000)

  it('starts no request once the deadline has passed', async () => {
    const vendor = await startFakeVendor(() => ({ status: 200, body: { ok: true } }))
    const client = fakeVendorClient(vendor, agent)
    try {
      const error = await asAnswer(-1, () => rejectionOf(client.get('/v1/workflows', okSchema)))
      expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
      expect(vendor.requests).toHaveLength(0)
      // Without a deadline (background work) the same call goes out.
      await expect(client.get('/v1/workflows', okSchema)).resolves.toEqual({ ok: true })
      expect(vendor.requests).toHaveLength(1)
    } finally {
      await vendor.close()
    }
  })

  it('retries no 5xx past the deadline', async () => {
    const vendor = await startFakeVendor(() => ({ status: 503, body: {} }))
    const client = fakeVendorClient(vendor, agent)
    try {
      // A retry needs its backoff (50 ms at least) and 50 ms more before the deadline: with
      // 100 ms in all, none fits, where the 10 s timeout alone would allow two.
      const error = await asAnswer(100, () => rejectionOf(client.get('/v1/workflows', okSchema)))
      expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
      expect(vendor.requests).toHaveLength(1)
    } finally {
      await vendor.close()
    }
  })

  it('keeps the timeout when it is the shorter limit', async () => {
    const vendor = await startFakeVendor(() => 'hang')
    const client = fakeVendorClient(vendor, agent, { timeoutMs: 200 })
    try {
      const error = await asAnswer(60_000, () => rejectionOf(client.get('/v1/workflows', okSchema)))
      expect(error).toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
        message: 'The puq.ai API did not answer within 200 ms',
      })
      expect(client.health().reachable).toBe(false)
    } finally {
      await vendor.close()
    }
  }, 10_000)

  it('gives a caller that joined a request it started only its own deadline', async () => {
    const vendor = await startFakeVendor(() => 'hang')
    const client = fakeVendorClient(vendor, agent, { timeoutMs: 60_000 })
    try {
      // The sync started the read; an answer with 200 ms left joins it and gives up in time.
      const background = rejectionOf(client.get('/v1/workflows', okSchema))
      const error = await asAnswer(200, () => rejectionOf(client.get('/v1/workflows', okSchema)))
      expect(error).toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
        message: expect.stringContaining('within 200 ms') as unknown,
      })
      expect(vendor.requests).toHaveLength(1)
      await vendor.close()
      await expect(background).resolves.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' })
    } finally {
      await vendor.close()
    }
  }, 10_000)

  it('does not fail the sync that joined a read an answer cut short: it asks again', async () => {
    // The first request hangs; any later one is answered.
    const vendor = await startFakeVendor((_url, index) =>
      index === 0 ? 'hang' : { status: 200, body: { ok: true } },
    )
    const client = fakeVendorClient(vendor, agent, { timeoutMs: 60_000 })
    try {
      const answer = asAnswer(200, () => rejectionOf(client.get('/v1/workflows', okSchema)))
      const background = client.get('/v1/workflows', okSchema)
      await expect(answer).resolves.toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
      await expect(background).resolves.toEqual({ ok: true })
      expect(vendor.requests).toHaveLength(2)
    } finally {
      await vendor.close()
    }
  }, 10_000)
})
