/**
 * Day and hour edges at the clock changes that broke the old offset arithmetic. Every expected
 * instant was worked out by hand from the zones' rules and checked with Intl.DateTimeFormat.
 */
import { describe, expect, it } from 'vitest'
import { nextZonedHourEdge, startOfNextZonedDay, zoneOffsetMs } from './zoned-time'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()

describe('startOfNextZonedDay', () => {
  // Midnight is skipped: 00:00 becomes 01:00, so the day starts at 01:00 on the new offset.
  it.each([
    // Havana: CST (-5) until 00:00 on 8 Mar, then CDT (-4).
    ['America/Havana', '2026-03-07T12:00:00Z', '2026-03-08T05:00:00.000Z'],
    ['America/Havana', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00.000Z'],
    // Azores: -1 until 01:00 UTC on 29 Mar (00:00 local), then +0.
    ['Atlantic/Azores', '2026-03-28T12:00:00Z', '2026-03-29T01:00:00.000Z'],
    ['Atlantic/Azores', '2026-03-29T01:00:00Z', '2026-03-30T00:00:00.000Z'],
    // Santiago: -4 until 00:00 on 6 Sep, then -3.
    ['America/Santiago', '2026-09-05T12:00:00Z', '2026-09-06T04:00:00.000Z'],
    ['America/Santiago', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00.000Z'],
  ])('in %s after %s is %s', (timeZone, from, expected) => {
    expect(iso(startOfNextZonedDay(at(from), timeZone))).toBe(expected)
  })

  it('takes the first of two midnights when the clock goes back from 01:00 to 00:00', () => {
    // Havana, 1 Nov: 01:00 CDT (05:00Z) goes back to 00:00 CST, so 00:00 comes at 04:00Z and
    // again at 05:00Z; the day started at the first.
    expect(iso(startOfNextZonedDay(at('2026-10-31T12:00:00Z'), 'America/Havana'))).toBe(
      '2026-11-01T04:00:00.000Z',
    )
  })

  it('ends the day the clock goes back at midnight after 25 hours', () => {
    // Santiago, 5 Apr: 24:00 on the 4th (-3) goes back to 23:00 (-4), so the 5th starts 04:00Z.
    expect(iso(startOfNextZonedDay(at('2026-04-04T12:00:00Z'), 'America/Santiago'))).toBe(
      '2026-04-05T04:00:00.000Z',
    )
  })
})

describe('whatever zone the host runs in', () => {
  // With the host in one of these, @date-fns/tz's TZDate put Santiago's 5 Apr and Caracas's
  // 8 Mar (next to Havana's own change) an hour off; the edges must not depend on the host.
  it.each(['Pacific/Chatham', 'America/Havana', 'Asia/Kolkata'])(
    'gives the same days on %s',
    (host) => {
      const saved = process.env.TZ
      process.env.TZ = host
      try {
        expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).not.toBe(0)
        const next = (from: string, zone: string) => iso(startOfNextZonedDay(at(from), zone))
        expect(next('2026-04-04T12:00:00Z', 'America/Santiago')).toBe('2026-04-05T04:00:00.000Z')
        expect(next('2026-03-07T12:00:00Z', 'America/Caracas')).toBe('2026-03-08T04:00:00.000Z')
        expect(next('2026-03-07T12:00:00Z', 'America/Havana')).toBe('2026-03-08T05:00:00.000Z')
        expect(next('2026-09-05T12:00:00Z', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z')
      } finally {
        if (saved === undefined) delete process.env.TZ
        else process.env.TZ = saved
      }
    },
  )
})

describe('nextZonedHourEdge', () => {
  it('steps to hh:00 on the local clock in a quarter-hour zone', () => {
    // Kathmandu is +05:45 all year: its hours start at :15 UTC.
    expect(iso(nextZonedHourEdge(at('2026-01-01T00:00:00Z'), 'Asia/Kathmandu'))).toBe(
      '2026-01-01T00:15:00.000Z',
    )
    expect(iso(nextZonedHourEdge(at('2026-01-01T00:15:00Z'), 'Asia/Kathmandu'))).toBe(
      '2026-01-01T01:15:00.000Z',
    )
  })

  it('cuts at a half-hour clock change, then goes on by the new offset', () => {
    // Lord Howe, 5 Apr: 02:00 (+11, 15:00Z) goes back to 01:30 (+10:30).
    const zone = 'Australia/Lord_Howe'
    expect(iso(nextZonedHourEdge(at('2026-04-04T14:00:00Z'), zone))).toBe(
      '2026-04-04T15:00:00.000Z',
    )
    expect(iso(nextZonedHourEdge(at('2026-04-04T15:00:00Z'), zone))).toBe(
      '2026-04-04T15:30:00.000Z',
    )
    // 4 Oct: 02:00 (+10:30, 15:30Z) jumps to 02:30 (+11); hour 02 lasts 30 minutes.
    expect(iso(nextZonedHourEdge(at('2026-10-03T14:30:00Z'), zone))).toBe(
      '2026-10-03T15:30:00.000Z',
    )
    expect(iso(nextZonedHourEdge(at('2026-10-03T15:30:00Z'), zone))).toBe(
      '2026-10-03T16:00:00.000Z',
    )
  })

  it('keeps the repeated hour of a fall-back night as an hour of its own', () => {
    // Berlin, 25 Oct: 03:00 CEST (01:00Z) goes back to 02:00 CET.
    expect(iso(nextZonedHourEdge(at('2026-10-25T00:00:00Z'), 'Europe/Berlin'))).toBe(
      '2026-10-25T01:00:00.000Z',
    )
    expect(iso(nextZonedHourEdge(at('2026-10-25T01:00:00Z'), 'Europe/Berlin'))).toBe(
      '2026-10-25T02:00:00.000Z',
    )
  })
})

describe('zoneOffsetMs', () => {
  it('reads the offset on either side of a change', () => {
    expect(zoneOffsetMs(at('2026-03-08T04:59:59.999Z'), 'America/Havana')).toBe(-5 * 3_600_000)
    expect(zoneOffsetMs(at('2026-03-08T05:00:00Z'), 'America/Havana')).toBe(-4 * 3_600_000)
    expect(zoneOffsetMs(at('2026-01-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(345 * 60_000)
  })
})
