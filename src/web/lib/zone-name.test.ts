import { describe, expect, it } from 'vitest'
import { joinWithZoneName, zoneName } from './zone-name'

describe('zoneName', () => {
  it('names the zone of a bare offset by its city', () => {
    expect(zoneName('GMT-5', 'America/New_York')).toBe('New York (UTC−5)')
    expect(zoneName('GMT+5:30', 'Asia/Kolkata')).toBe('Kolkata (UTC+5:30)')
    expect(zoneName('GMT-3', 'America/Argentina/Buenos_Aires')).toBe('Buenos Aires (UTC−3)')
  })

  it('keeps abbreviations people know', () => {
    expect(zoneName('CET', 'Europe/Berlin')).toBe('CET')
    expect(zoneName('UTC', 'UTC')).toBe('UTC')
    expect(zoneName('GMT', 'Europe/London')).toBe('GMT')
  })

  it('says only the offset when the zone has no city', () => {
    expect(zoneName('GMT-5', 'Etc/GMT+5')).toBe('UTC−5')
  })
})

describe('joinWithZoneName', () => {
  it('renames only the zone part of a formatted time', () => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone: 'America/New_York',
    }).formatToParts(Date.parse('2026-12-02T15:04:00.000Z'))
    expect(joinWithZoneName(parts, 'America/New_York')).toBe('10:04 New York (UTC−5)')
  })
})
