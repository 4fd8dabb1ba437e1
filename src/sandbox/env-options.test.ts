/** SANDBOX_* variables: defaults when unset, parsed values when set, loud errors when wrong. */
import { describe, expect, it } from 'vitest'
import { sandboxOptionsFromEnv, startSandbox } from './start'

describe('sandboxOptionsFromEnv', () => {
  it('leaves everything to the defaults when nothing (or blanks) is set', () => {
    expect(sandboxOptionsFromEnv({})).toEqual({})
    expect(
      sandboxOptionsFromEnv({ SANDBOX_RUNS: '', SANDBOX_NOW: '  ', PATH: '/usr/bin' }),
    ).toEqual({})
  })

  it('reads every switch', () => {
    expect(
      sandboxOptionsFromEnv({
        SANDBOX_API_KEY: 'k-123',
        SANDBOX_SEED: '7',
        SANDBOX_RUNS: '1000000',
        SANDBOX_NOW: '2026-11-20T12:00:00.000Z',
        SANDBOX_LATENCY_MS: '150',
        SANDBOX_FAULT_RATE: '0.1',
        SANDBOX_MALFORMED_RATE: '0',
        SANDBOX_HANG_RATE: '1',
        SANDBOX_TRIGIFY_RATE_LIMIT: '5',
      }),
    ).toEqual({
      apiKey: 'k-123',
      seed: 7,
      runs: 1_000_000,
      now: '2026-11-20T12:00:00.000Z',
      latencyMs: 150,
      faultRate: 0.1,
      malformedRate: 0,
      hangRate: 1,
      trigifyRateLimit: 5,
    })
  })

  it.each([
    ['SANDBOX_RUNS', 'lots'],
    ['SANDBOX_RUNS', '-1'],
    ['SANDBOX_RUNS', '2000001'],
    ['SANDBOX_SEED', '1.5'],
    ['SANDBOX_NOW', 'yesterday'],
    ['SANDBOX_LATENCY_MS', '-5'],
    ['SANDBOX_FAULT_RATE', '1.5'],
    ['SANDBOX_MALFORMED_RATE', 'half'],
    ['SANDBOX_HANG_RATE', '-0.1'],
    ['SANDBOX_TRIGIFY_RATE_LIMIT', '0'],
    ['SANDBOX_API_KEY', 'has space'],
  ])('throws an error naming %s for %j', (name, value) => {
    expect(() => sandboxOptionsFromEnv({ [name]: value })).toThrow(
      new RegExp(`${name}.*${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    )
  })
})

describe('startSandbox option checks', () => {
  it('refuses an impossible run count or clock', async () => {
    await expect(startSandbox({ runs: -1 })).rejects.toThrow(/runs/)
    await expect(startSandbox({ now: 'not a date' })).rejects.toThrow(/now/)
    await expect(startSandbox({ runs: 2_000_001 })).rejects.toThrow(/runs/)
  })

  it('refuses impossible fault settings at run time', async () => {
    const sandbox = await startSandbox({ runs: 0 })
    try {
      expect(() => sandbox.setFaults({ faultRate: 2 })).toThrow()
      expect(() => sandbox.setFaults({ latencyMs: -1 })).toThrow()
      sandbox.setFaults({ latencyMs: 5 })
      expect(sandbox.faults()).toMatchObject({ latencyMs: 5, faultRate: 0 })
    } finally {
      await sandbox.close()
    }
  })

  it('serves an empty history when asked for no runs', async () => {
    const sandbox = await startSandbox({ runs: 0 })
    try {
      const response = await fetch(`${sandbox.puqBaseUrl}/v1/executions`, {
        headers: { authorization: `Token ${sandbox.apiKey}` },
      })
      expect(await response.json()).toEqual({
        items: [],
        total: 0,
        succeeded: 0,
        failed: 0,
        page: 1,
        limit: 20,
      })
      expect(sandbox.data.trigify.count + sandbox.data.puq.count).toBe(0)
    } finally {
      await sandbox.close()
    }
  })
})
