import { describe, expect, it } from 'vitest'
import { TtlCache } from './ttl-cache'

describe('TtlCache', () => {
  it('forgets an entry once its time is up', () => {
    let now = 0
    const cache = new TtlCache<string>(10, () => now)
    cache.set('a', 'A', 1000)
    now = 999
    expect(cache.get('a')).toBe('A')
    now = 1000
    expect(cache.get('a')).toBeUndefined()
  })

  it('drops expired entries when new ones are written, without a read of them', () => {
    let now = 0
    const cache = new TtlCache<number>(1000, () => now)
    for (let index = 0; index < 100; index += 1) cache.set(`burst-${index}`, index, 5_000)
    expect(cache.size).toBe(100)
    now = 10_000
    cache.set('later', 1, 5_000)
    expect(cache.size).toBe(1)
  })

  it('sweeps expired entries out of order, keeping the live ones', () => {
    let now = 0
    const cache = new TtlCache<number>(10, () => now)
    cache.set('long', 1, 60_000)
    cache.set('short', 2, 1_000)
    now = 2_000
    cache.sweep()
    expect(cache.size).toBe(1)
    expect(cache.get('long')).toBe(1)
  })

  it('keeps at most its cap, the oldest going first', () => {
    const cache = new TtlCache<number>(2, () => 0)
    cache.set('a', 1, 1000)
    cache.set('b', 2, 1000)
    cache.set('c', 3, 1000)
    expect(cache.get('a')).toBeUndefined()
    expect(cache.get('c')).toBe(3)
  })
})
