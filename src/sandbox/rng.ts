/**
 * Seeded randomness. The demo history, the lazily built steps and the fault dice must all
 * replay identically for one seed, so nothing here touches Math.random.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  /** Standard normal (Box-Muller). */
  normal(): number
  /** Log-normal with the given median and spread: long right tail, like real run times. */
  logNormal(median: number, sigma: number): number
  /** Exponential with the given mean: gaps between events of a Poisson-like process. */
  exponential(mean: number): number
  pick<T>(items: readonly T[]): T
  /** Index chosen with probability proportional to its weight. */
  weighted(weights: readonly number[]): number
}

/** Mixes several integers into one 32-bit seed, so (seed, index) pairs get unrelated streams. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193)
    h ^= h >>> 15
    h = Math.imul(h, 0x2c1b3c6d)
    h ^= h >>> 12
    h = Math.imul(h ^ ((part / 0x100000000) >>> 0), 0x297a2d39)
    h ^= h >>> 15
  }
  return h >>> 0
}

export function createRng(seed: number): Rng {
  // mulberry32: tiny state and fast enough to draw millions of values at start-up.
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = (): number => {
    const u = 1 - next()
    const v = next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    exponential: (mean) => -mean * Math.log(1 - next()),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick() from an empty list')
      return item
    },
    weighted(weights) {
      let total = 0
      for (const weight of weights) total += weight
      let target = next() * total
      for (let index = 0; index < weights.length; index++) {
        target -= weights[index] ?? 0
        if (target < 0) return index
      }
      return weights.length - 1
    },
  }
}

/** A short lowercase id suffix like `x7k9m2`, drawn from the given stream. */
export function randomSlug(rng: Rng, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let slug = ''
  for (let index = 0; index < length; index++)
    slug += alphabet.charAt(rng.int(0, alphabet.length - 1))
  return slug
}
