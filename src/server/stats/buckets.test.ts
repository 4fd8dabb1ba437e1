import { describe, expect, it } from 'vitest'
import type { Run } from '../../shared/model'
import { bucketEdges, countRuns, defaultBucket, mostBuckets, quantile } from './buckets'

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

  // Each of these windows holds a midnight that the clock change skips (00:00 becomes 01:00),
  // so that day starts at 01:00 on the new offset and lasts 23 hours. Worked out by hand from
  // the zones' rules and checked with Intl.DateTimeFormat.
  it.each([
    [
      'America/Havana',
      '2026-03-06T17:00:00Z',
      '2026-03-09T17:00:00Z',
      ['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ],
    [
      'Atlantic/Azores',
      '2026-03-27T12:00:00Z',
      '2026-03-30T12:00:00Z',
      ['2026-03-28T01:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z'],
    ],
    [
      'America/Santiago',
      '2026-09-04T12:00:00Z',
      '2026-09-07T12:00:00Z',
      ['2026-09-05T04:00:00.000Z', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    ],
  ])('starts the %s day whose midnight is skipped after the gap', (zone, from, to, inner) => {
    const edges = bucketEdges(at(from), at(to), 'day', zone)
    expect(isoEdges(edges)).toEqual([
      new Date(from).toISOString(),
      ...inner,
      new Date(to).toISOString(),
    ])
  })

  it('goes straight on to the next day where a whole local day is skipped', () => {
    // Samoa left out 30 Dec 2011: 29 Dec ended at 10:00Z (-10) and 31 Dec began (+14).
    const edges = bucketEdges(
      at('2011-12-28T12:00:00Z'),
      at('2012-01-01T12:00:00Z'),
      'day',
      'Pacific/Apia',
    )
    expect(isoEdges(edges)).toEqual([
      '2011-12-28T12:00:00.000Z',
      '2011-12-29T10:00:00.000Z',
      '2011-12-30T10:00:00.000Z',
      '2011-12-31T10:00:00.000Z',
      '2012-01-01T10:00:00.000Z',
      '2012-01-01T12:00:00.000Z',
    ])
  })

  it('cuts the Havana spring-forward window into its 72 UTC hours', () => {
    const edges = bucketEdges(
      at('2026-03-06T17:00:00Z'),
      at('2026-03-09T17:00:00Z'),
      'hour',
      'America/Havana',
    )
    expect(edges).toHaveLength(73)
    for (let index = 1; index < edges.length; index += 1) {
      expect(edges[index]! - edges[index - 1]!).toBe(3_600_000)
    }
  })

  it('gives Lord Howe a 30-minute hour where its clock jumps half an hour', () => {
    const edges = bucketEdges(
      at('2026-10-03T14:00:00Z'),
      at('2026-10-03T17:00:00Z'),
      'hour',
      'Australia/Lord_Howe',
    )
    // 00:30, 01:00 and 02:00 on +10:30; the change to +11 at 15:30Z reads 02:30; then 03:00.
    expect(isoEdges(edges)).toEqual([
      '2026-10-03T14:00:00.000Z',
      '2026-10-03T14:30:00.000Z',
      '2026-10-03T15:30:00.000Z',
      '2026-10-03T16:00:00.000Z',
      '2026-10-03T17:00:00.000Z',
    ])
  })

  it('refuses from the window length alone a window with too many buckets', () => {
    const from = at('2026-01-01T00:00:00Z')
    const quarter = () => bucketEdges(from, from + 90 * 86_400_000, 'hour', 'UTC')
    expect(quarter).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }))
    // 2,160 hours + 2 partial + 3 for clock changes: the bound, not a count of built edges.
    expect(quarter).toThrow(
      'bucket: hour buckets over this window make up to 2165 bars, more than 800; use day',
    )
    expect(() => bucketEdges(from, from + 20 * 3_600_000, 'hour', 'UTC', 10)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    )
    // 90 days of UTC midnights run from 31 Dec to 31 Mar at 21:00 in Santiago: 91 local days.
    expect(bucketEdges(from, from + 90 * 86_400_000, 'day', 'America/Santiago')).toHaveLength(92)
  })

  it('bounds the count by hours + 2 and days of 23 hours + 2, plus one per started month', () => {
    expect(mostBuckets(0, 10 * 3_600_000, 'hour')).toBe(13)
    expect(mostBuckets(0, 46 * 3_600_000, 'day')).toBe(5)
    expect(mostBuckets(0, 31 * 86_400_000, 'day')).toBe(Math.floor((31 * 24) / 23) + 2 + 2)
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
