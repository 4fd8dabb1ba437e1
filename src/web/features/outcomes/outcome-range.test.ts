import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { outcomeRange } from './outcome-range'

const now = Date.parse('2026-11-20T12:34:56.789Z')
// Local time is the process's: pinned here to a zone that is not UTC (and has DST).
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin')
})
afterAll(() => {
  vi.unstubAllEnvs()
})

describe('outcomeRange', () => {
  it('24h: the current hour so far and the 23 whole hours before it, by hour', () => {
    expect(outcomeRange('24h', now, 'utc')).toEqual({
      from: '2026-11-19T13:00:00.000Z',
      to: '2026-11-20T12:35:00.000Z',
      bucket: 'hour',
      timeZone: 'UTC',
    })
  })

  it('7d in UTC: six whole days and today, from midnight UTC', () => {
    const range = outcomeRange('7d', now, 'utc')
    expect(range.from).toBe('2026-11-14T00:00:00.000Z')
    expect(range.bucket).toBe('day')
  })

  it('7d in local time starts at local midnight and names the zone', () => {
    const range = outcomeRange('7d', now, 'local', 'Europe/Berlin')
    // Midnight in Berlin (CET, UTC+1) is 23:00 UTC the day before.
    expect(range.from).toBe('2026-11-13T23:00:00.000Z')
    expect(range.timeZone).toBe('Europe/Berlin')
  })

  it('30d across the end of summer time still starts at local midnight', () => {
    const range = outcomeRange('30d', now, 'local', 'Europe/Berlin')
    // 22 Oct is still summer time (UTC+2): midnight there is 22:00 UTC.
    expect(range.from).toBe('2026-10-21T22:00:00.000Z')
  })

  it('moves `to` once a minute, not on every call', () => {
    expect(outcomeRange('7d', now, 'utc').to).toBe(outcomeRange('7d', now + 2_000, 'utc').to)
    expect(outcomeRange('7d', now, 'utc').to).not.toBe(outcomeRange('7d', now + 60_000, 'utc').to)
  })
})
