/**
 * Fault injection and the test switchboard: forced and random 5xx, broken bodies, hangs,
 * latency, seeded repeatability, the HTTP control endpoints and request counting, and that
 * closing the sandbox cuts requests it never answered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { slowFaultMs } from './faults'
import { startSandbox } from './start'
import type { SandboxHandle } from './start'

const frozenNow = '2026-11-20T12:00:00.000Z'
const trigifyErrorSchema = z.strictObject({
  success: z.literal(false),
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    details: z.unknown(),
    suggestion: z.string().nullable(),
  }),
})
const puqErrorSchema = z.strictObject({ error: z.string(), code: z.string().optional() })
const puqListSchema = z.object({ items: z.array(z.object({ id: z.string() })), total: z.number() })

let sandbox: SandboxHandle
beforeAll(async () => {
  sandbox = await startSandbox({ now: frozenNow, runs: 2_000 })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.setFaults({ latencyMs: 0, faultRate: 0, malformedRate: 0, hangRate: 0 })
  sandbox.reset()
})

const puq = (query = '', signal?: AbortSignal) =>
  fetch(`${sandbox.puqBaseUrl}/v1/executions${query}`, {
    headers: { authorization: `Token ${sandbox.apiKey}` },
    signal: signal ?? null,
  })
const trigify = (query = '') =>
  fetch(`${sandbox.trigifyBaseUrl}/v1/workflows${query}`, {
    headers: { 'x-api-key': sandbox.apiKey },
  })

describe('forced faults (__fault=)', () => {
  it.each([500, 502, 503])('answers a vendor-shaped %i', async (status) => {
    const fromPuq = await puq(`?__fault=${status}`)
    expect(fromPuq.status).toBe(status)
    puqErrorSchema.parse(await fromPuq.json())
    const fromTrigify = await trigify(`?__fault=${status}`)
    expect(fromTrigify.status).toBe(status)
    expect(trigifyErrorSchema.parse(await fromTrigify.json()).success).toBe(false)
    expect(fromTrigify.headers.get('ratelimit-limit')).toBe('100')
  })

  it('breaks the JSON of a 200 with malformed', async () => {
    const response = await puq('?__fault=malformed')
    expect(response.status).toBe(200)
    const text = await response.text()
    expect((): unknown => JSON.parse(text)).toThrow(SyntaxError)
  })

  it('answers well-formed JSON of the wrong shape with wrong-shape', async () => {
    const response = await puq('?__fault=wrong-shape')
    expect(response.status).toBe(200)
    const body: unknown = await response.json()
    expect(puqListSchema.safeParse(body).success).toBe(false)
  })

  it('never answers with hang, so only a client timeout ends the wait', async () => {
    await expect(puq('?__fault=hang', AbortSignal.timeout(200))).rejects.toMatchObject({
      name: 'TimeoutError',
    })
    expect(sandbox.requestCount().puq).toBe(1)
  })

  it('answers late with slow', async () => {
    await expect(puq('?__fault=slow', AbortSignal.timeout(slowFaultMs / 4))).rejects.toMatchObject({
      name: 'TimeoutError',
    })
    const startedAt = performance.now()
    const response = await puq('?__fault=slow&limit=1')
    expect(response.status).toBe(200)
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(slowFaultMs - 5)
  })

  it('leaves an unknown __fault value alone', async () => {
    expect((await puq('?__fault=sometimes')).status).toBe(200)
  })
})

describe('random faults (rates)', () => {
  it('adds the configured latency to every answer', async () => {
    sandbox.setFaults({ latencyMs: 150 })
    for (const call of [() => puq(), () => trigify(), () => puq('?page=0')]) {
      const startedAt = performance.now()
      await (await call()).arrayBuffer()
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(145)
    }
  })

  it('fails every answer at faultRate 1 and about a third at 0.3', async () => {
    sandbox.setFaults({ faultRate: 1 })
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await puq()
      expect([500, 502, 503]).toContain(response.status)
      puqErrorSchema.parse(await response.json())
    }
    sandbox.setFaults({ faultRate: 0.3 })
    let failures = 0
    for (let attempt = 0; attempt < 200; attempt++) {
      const response = await puq('?limit=1')
      await response.arrayBuffer()
      if (response.status >= 500) failures++
    }
    expect(failures).toBeGreaterThan(30)
    expect(failures).toBeLessThan(90)
  })

  it('breaks every 200 body at malformedRate 1, but leaves errors intact', async () => {
    sandbox.setFaults({ malformedRate: 1 })
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await puq()
      expect(response.status).toBe(200)
      const text = await response.text()
      const isValid = (() => {
        try {
          return puqListSchema.safeParse(JSON.parse(text)).success
        } catch {
          return false
        }
      })()
      expect(isValid).toBe(false)
    }
    const refused = await puq('?limit=0')
    expect(refused.status).toBe(400)
    puqErrorSchema.parse(await refused.json())
  })

  it('hangs every request at hangRate 1', async () => {
    sandbox.setFaults({ hangRate: 1 })
    await expect(puq('', AbortSignal.timeout(150))).rejects.toMatchObject({ name: 'TimeoutError' })
  })

  it('repeats the same fault sequence for the same seed', async () => {
    const sequence = async () => {
      const other = await startSandbox({ now: frozenNow, runs: 100, seed: 5, faultRate: 0.5 })
      try {
        const statuses: number[] = []
        for (let attempt = 0; attempt < 30; attempt++) {
          const response = await fetch(`${other.puqBaseUrl}/v1/workflows`, {
            headers: { authorization: `Token ${other.apiKey}` },
          })
          await response.arrayBuffer()
          statuses.push(response.status)
        }
        return statuses
      } finally {
        await other.close()
      }
    }
    const first = await sequence()
    expect(new Set(first).size).toBeGreaterThan(1)
    expect(await sequence()).toEqual(first)
  })
})

describe('control endpoints and counters', () => {
  it('POST /__sandbox/faults changes faults and validates its body', async () => {
    const set = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faultRate: 1 }),
    })
    expect(set.status).toBe(200)
    expect(await set.json()).toMatchObject({ faultRate: 1, latencyMs: 0 })
    expect(sandbox.faults().faultRate).toBe(1)
    expect((await trigify()).status).toBeGreaterThanOrEqual(500)

    for (const body of ['{"faultRate":2}', '{"latencyMs":-1}', '{"nonsense":true}', '{not json']) {
      const refused = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body })
      expect(refused.status, body).toBe(400)
    }
    expect(sandbox.faults().faultRate).toBe(1)
  })

  it('counts every vendor request, by vendor and by path, but not control requests', async () => {
    await puq()
    await puq('?page=0')
    await trigify()
    await fetch(`${sandbox.trigifyBaseUrl}/v1/workflows`)
    await fetch(`${sandbox.url}/nowhere`)
    expect(sandbox.requestCount()).toEqual({ trigify: 2, puq: 2, total: 4 })
    const stats = await fetch(`${sandbox.url}/__sandbox/stats`)
    expect(await stats.json()).toEqual({
      requests: { trigify: 2, puq: 2, total: 4 },
      byPath: { '/puq/v1/executions': 2, '/trigify/v1/workflows': 2 },
    })
    sandbox.resetCounters()
    expect(sandbox.requestCount()).toEqual({ trigify: 0, puq: 0, total: 0 })
  })

  it('POST /__sandbox/reset clears the counters', async () => {
    await puq()
    expect(sandbox.requestCount().total).toBe(1)
    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(200)
    expect(sandbox.requestCount().total).toBe(0)
  })

  it('answers 404 for unknown control paths and non-vendor paths', async () => {
    expect((await fetch(`${sandbox.url}/__sandbox/nope`)).status).toBe(404)
    expect((await fetch(`${sandbox.url}/api/runs`)).status).toBe(404)
  })
})

describe('close', () => {
  it('cuts hung requests instead of waiting for them', async () => {
    const closing = await startSandbox({ now: frozenNow, runs: 100 })
    const hung = fetch(`${closing.puqBaseUrl}/v1/workflows?__fault=hang`, {
      headers: { authorization: `Token ${closing.apiKey}` },
    })
    const outcome = hung.then(
      () => 'answered',
      () => 'cut',
    )
    await vi.waitFor(() => expect(closing.requestCount().puq).toBe(1))
    await closing.close()
    expect(await outcome).toBe('cut')
  })
})
