import { describe, expect, it } from 'vitest'
import type { Run } from '../../shared/model'
import { bucketEdges, countRuns, defaultBucket, quantile } from './buckets'

const at = (iso: string) => Date.parse(iso)
const isoEdges = (edges: number[]) => edges.map((edge) => new Date(edge).toISOString())

function run(
  id: string,
  startedAt: string | undefined,
  status: Run['status'],
  durationMs?: number,
): Run {
  return {
    id,
    source: 'test',
    workflowId: 'wf',
    status,
    vendorStatus: status,
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(durationMs === undefined ? {} : { durationMs, finishedAt: startedAt }),
  }
}

describe('bucketEdges', () => {
  it('cuts a UTC window at midnight UTC, keeping partial first and last days', () => {
    const edges = bucketEdges(at('2026-11-18T06:00:00Z'), at('2026-11-20T12:00:00Z'), 'day', 'UTC')
    expect(isoEdges(edges)).toEqual([
      '2026-11-18T06:00:00.000Z',
      '2026-11-19T00:00:00.000Z',
      '2026-11-20T00:00:00.000Z',
      '2026-11-20T12:00:00.000Z',
    ])
  })

  it('cuts days at Berlin midnight, which is 23:00 UTC in winter', () => {
    const edges = bucketEdges(
      at('2026-11-18T23:00:00Z'),
      at('2026-11-20T23:00:00Z'),
      'day',
      'Europe/Berlin',
    )
    expect(isoEdges(edges)).toEqual([
      '2026-11-18T23:00:00.000Z',
      '2026-11-19T23:00:00.000Z',
      '2026-11-20T23:00:00.000Z',
    ])
  })

  it('gives the day clocks go back a 25-hour bucket, and the day they go forward 23', () => {
    const autumn = bucketEdges(
      at('2026-10-24T22:00:00Z'),
      at('2026-10-26T23:00:00Z'),
      'day',
      'Europe/Berlin',
    )
    expect(isoEdges(autumn)).toEqual([
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
      '2026-10-26T23:00:00.000Z',
    ])
    const spring = bucketEdges(
      at('2026-03-28T23:00:00Z'),
      at('2026-03-30T22:00:00Z'),
      'day',
      'Europe/Berlin',
    )
    expect(spring[1]! - spring[0]!).toBe(23 * 3_600_000)
  })

  it('counts every hour of a fall-back night once, including the repeated one', () => {
    const edges = bucketEdges(
      at('2026-10-24T23:00:00Z'),
      at('2026-10-25T03:00:00Z'),
      'hour',
      'Europe/Berlin',
    )
    expect(edges).toHaveLength(5)
    for (let index = 1; index < edges.length; index += 1) {
      expect(edges[index]! - edges[index - 1]!).toBe(3_600_000)
    }
  })

  it('starts hour buckets at :30 UTC in a half-hour zone', () => {
    const edges = bucketEdges(
      at('2026-11-20T10:00:00Z'),
      at('2026-11-20T12:00:00Z'),
      'hour',
      'Asia/Kolkata',
    )
    expect(isoEdges(edges)).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-20T10:30:00.000Z',
      '2026-11-20T11:30:00.000Z',
      '2026-11-20T12:00:00.000Z',
    ])
  })

  it('picks hours for two days or less, days beyond', () => {
    expect(defaultBucket(0, 2 * 86_400_000)).toBe('hour')
    expect(defaultBucket(0, 2 * 86_400_000 + 1)).toBe('day')
  })
})

describe('countRuns', () => {
  const edges = bucketEdges(at('2026-11-18T00:00:00Z'), at('2026-11-21T00:00:00Z'), 'day', 'UTC')

  it('shows empty buckets as zeros and counts unknown statuses', () => {
    const result = countRuns(
      [
        run('a', '2026-11-18T01:00:00Z', 'succeeded', 1000),
        run('b', '2026-11-18T23:59:59.999Z', 'failed', 3000),
        run('c', '2026-11-20T00:00:00Z', 'unknown'),
        run('d', '2026-11-17T23:59:59Z', 'failed'),
        run('e', undefined, 'failed'),
      ],
      edges,
    )
    expect(result.buckets.map((bucket) => bucket.total)).toEqual([2, 0, 1])
    expect(result.buckets[1]?.counts).toMatchObject({ succeeded: 0, failed: 0, unknown: 0 })
    expect(result.buckets[2]?.counts.unknown).toBe(1)
    expect(result.totals.total).toBe(3)
    expect(result.totals.counts).toMatchObject({ succeeded: 1, failed: 1, unknown: 1 })
    expect(result.totals.failureRate).toBe(0.5)
    expect(result.durations).toEqual({ p50Ms: 1000, p95Ms: 3000, sampleSize: 2 })
  })

  it('has no failure rate and no durations without finished runs', () => {
    const result = countRuns([run('a', '2026-11-19T01:00:00Z', 'running')], edges)
    expect(result.totals.failureRate).toBeNull()
    expect(result.durations).toBeUndefined()
  })
})

describe('quantile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1)
    expect(quantile(values, 0.5)).toBe(50)
    expect(quantile(values, 0.95)).toBe(95)
    expect(quantile([7], 0.95)).toBe(7)
    expect(quantile([], 0.5)).toBeUndefined()
  })
})
