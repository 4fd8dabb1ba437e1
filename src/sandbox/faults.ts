/**
 * Misbehaviour on demand. Runboard has to survive slow, failing, lying and silent upstreams,
 * and its tests have to reproduce each of those exactly: random faults come from a seeded
 * stream, and a request can force one with `__fault=` (reserved for tests).
 */
import { z } from 'zod'
import { createRng, mixSeed } from './rng'

export type Faults = {
  /** Added before every vendor answer. */
  latencyMs: number
  /** Share of answers replaced by a vendor-shaped 500, 502 or 503. */
  faultRate: number
  /** Share of 200 answers whose body is broken or wrong-shaped JSON. */
  malformedRate: number
  /** Share of requests never answered. */
  hangRate: number
  /** Trigify requests allowed per 60 s window per key. */
  trigifyRateLimit: number
}

export const defaultFaults: Faults = {
  latencyMs: 0,
  faultRate: 0,
  malformedRate: 0,
  hangRate: 0,
  trigifyRateLimit: 100,
}

const rate = z.number().min(0).max(1)
/** Each fault left out or set, never `undefined`: a patch cannot unset a fault. */
export const faultsPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).exactOptional(),
    faultRate: rate.exactOptional(),
    malformedRate: rate.exactOptional(),
    hangRate: rate.exactOptional(),
    trigifyRateLimit: z.number().int().min(1).max(1_000_000).exactOptional(),
  })
  .strict()

/** Extra delay of `__fault=slow`: long enough to trip a short client timeout in a test. */
export const slowFaultMs = 1000

export const forcedFaults = [
  '500',
  '502',
  '503',
  'malformed',
  'wrong-shape',
  'hang',
  'slow',
] as const
export type ForcedFault = (typeof forcedFaults)[number]

export function isForcedFault(value: string | null): value is ForcedFault {
  return forcedFaults.some((fault) => fault === value)
}

/** What happens to one request, decided before it is routed. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  | { kind: 'malformed'; variant: 'truncated' | 'wrong-shape' }

export type FaultDice = {
  decide(faults: Faults, forced: ForcedFault | null): FaultDecision
}

export function createFaultDice(seed: number): FaultDice {
  const rng = createRng(mixSeed(seed, 0xfa17))
  const serverErrors = [500, 502, 503] as const
  return {
    decide(faults, forced) {
      if (forced === 'hang') return { kind: 'hang' }
      if (forced === '500') return { kind: 'server-error', status: 500 }
      if (forced === '502') return { kind: 'server-error', status: 502 }
      if (forced === '503') return { kind: 'server-error', status: 503 }
      if (forced === 'malformed') return { kind: 'malformed', variant: 'truncated' }
      if (forced === 'wrong-shape') return { kind: 'malformed', variant: 'wrong-shape' }
      const roll = rng.next()
      if (roll < faults.hangRate) return { kind: 'hang' }
      if (roll < faults.hangRate + faults.faultRate) {
        return { kind: 'server-error', status: rng.pick(serverErrors) }
      }
      if (roll < faults.hangRate + faults.faultRate + faults.malformedRate) {
        return { kind: 'malformed', variant: rng.chance(0.5) ? 'truncated' : 'wrong-shape' }
      }
      return { kind: 'none' }
    },
  }
}

/** Breaks a good JSON body the way flaky proxies and half-deployed vendors do. */
export function malformBody(body: string, variant: 'truncated' | 'wrong-shape'): string {
  if (variant === 'truncated') return body.slice(0, Math.max(1, Math.floor(body.length / 2)))
  return JSON.stringify({ ok: 'maybe', result: { rows: 'unavailable' }, data: '[object Object]' })
}
