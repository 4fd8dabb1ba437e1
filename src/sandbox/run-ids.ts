/**
 * Opaque run ids that decode back to a row number. A million-run history cannot afford a
 * Map of id strings, yet `GET /v1/executions/{id}` must find its run in O(1): a keyed Feistel
 * permutation of the 32-bit row number gives ids that look random and invert exactly.
 */
import { mixSeed } from './rng'

const rounds = 4
const idLength = 7

export type RunIdCodec = {
  encode(row: number): string
  /** The row for an id, or null when the id was never issued by this codec. */
  decode(id: string): number | null
}

function roundFunction(half: number, key: number): number {
  return mixSeed(half, key) & 0xffff
}

export function createRunIdCodec(seed: number, prefix: string): RunIdCodec {
  const keys = Array.from({ length: rounds }, (_, round) => mixSeed(seed, round, prefix.length))
  const pattern = new RegExp(`^${prefix}[0-9a-z]{${idLength}}$`)

  const permute = (value: number): number => {
    let left = value >>> 16
    let right = value & 0xffff
    for (const key of keys) {
      const nextRight = left ^ roundFunction(right, key)
      left = right
      right = nextRight
    }
    return ((left << 16) | right) >>> 0
  }
  const unpermute = (value: number): number => {
    let left = value >>> 16
    let right = value & 0xffff
    for (let round = rounds - 1; round >= 0; round--) {
      const previousLeft = right ^ roundFunction(left, keys[round] ?? 0)
      right = left
      left = previousLeft
    }
    return ((left << 16) | right) >>> 0
  }

  return {
    encode: (row) => prefix + permute(row).toString(36).padStart(idLength, '0'),
    decode(id) {
      if (!pattern.test(id)) return null
      const value = parseInt(id.slice(prefix.length), 36)
      if (value > 0xffffffff) return null
      return unpermute(value)
    },
  }
}
