/**
 * The bucket loop must fail, not spin, if a zone step ever stops advancing: the old day step
 * returned its own input at a skipped midnight and hung the server. The steps are replaced by
 * stubs that stall or crawl, the way a broken zone computation would.
 */
import { describe, expect, it, vi } from 'vitest'
import { bucketEdges } from './buckets'

const step = vi.hoisted(() => ({ advance: (ms: number): number => ms }))

vi.mock('./zoned-time', () => ({
  startOfNextZonedDay: (ms: number) => step.advance(ms),
  nextZonedHourEdge: (ms: number) => step.advance(ms),
}))

const from = Date.parse('2026-03-06T17:00:00Z')
const to = Date.parse('2026-03-09T17:00:00Z')

describe('bucketEdges with a broken zone step', () => {
  it.each(['day', 'hour'] as const)('throws an internal error when a %s step stalls', (bucket) => {
    step.advance = (ms) => ms
    const edges = () => bucketEdges(from, to, bucket, 'America/Havana')
    expect(edges).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
    expect(edges).toThrow(`The ${bucket} after 2026-03-06T17:00:00.000Z in America/Havana`)
  })

  it('throws an internal error when a step goes back', () => {
    step.advance = (ms) => ms - 1
    expect(() => bucketEdges(from, to, 'day', 'America/Havana')).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    )
  })

  it('throws an internal error when steps crawl past the most buckets the window can hold', () => {
    step.advance = (ms) => ms + 60_000
    const edges = () => bucketEdges(from, to, 'day', 'America/Havana')
    expect(edges).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
    // Three days make at most 3 + 2 + 1 day buckets.
    expect(edges).toThrow('More than 6 day buckets in America/Havana')
  })
})
