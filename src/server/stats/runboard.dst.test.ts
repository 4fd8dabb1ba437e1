/**
 * Issue 10, item 7 over real HTTP: a stats window holding a midnight that a clock change skips
 * used to spin the bucket loop forever, so that request and every one after it (health
 * included) went unanswered. Each zone's day edges are written out by hand from its rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runStatsSchema } from '../../shared/model'
import { startTestServer, type TestServer } from '../testing/harness'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ RUNBOARD_DEMO: '1' })
})

afterAll(async () => {
  await server.close()
})

describe('stats over a skipped midnight', () => {
  it.each([
    [
      'America/Havana',
      '2026-03-06T17:00:00.000Z',
      '2026-03-09T17:00:00.000Z',
      ['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ],
    [
      'Atlantic/Azores',
      '2026-03-27T12:00:00.000Z',
      '2026-03-30T12:00:00.000Z',
      ['2026-03-28T01:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z'],
    ],
    [
      'America/Santiago',
      '2026-09-04T12:00:00.000Z',
      '2026-09-07T12:00:00.000Z',
      ['2026-09-05T04:00:00.000Z', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
    ],
  ])('answers %s by day, then health still answers', async (tz, from, to, inner) => {
    const stats = await server.json(
      `/api/sources/demo-puq/stats?tz=${tz}&from=${from}&to=${to}&bucket=day`,
      runStatsSchema,
    )
    expect(stats.timeZone).toBe(tz)
    expect(stats.buckets.map((bucket) => bucket.start)).toEqual([from, ...inner])
    expect(stats.buckets.map((bucket) => bucket.end)).toEqual([...inner, to])
    const health = await server.get('/api/health')
    expect(health.status).toBe(200)
  })

  it('answers the Havana window by hour with one bucket per hour', async () => {
    const stats = await server.json(
      '/api/sources/demo-puq/stats?tz=America/Havana&from=2026-03-06T17:00:00Z&to=2026-03-09T17:00:00Z&bucket=hour',
      runStatsSchema,
    )
    expect(stats.buckets).toHaveLength(72)
    expect(stats.buckets[36]?.start).toBe('2026-03-08T05:00:00.000Z')
  })

  it('refuses a window with too many hour buckets as a bad request', async () => {
    const response = await server.get(
      '/api/sources/demo-puq/stats?tz=America/Santiago&from=2026-08-01T00:00:00Z&to=2026-10-01T00:00:00Z&bucket=hour',
    )
    expect(response.status).toBe(400)
    expect(response.body).toContain('bucket: hour buckets over this window')
  })
})
