import { describe, expect, it } from 'vitest'
import {
  formatAbsoluteTime,
  formatClockTime,
  formatCount,
  formatDuration,
  formatRelativeTime,
  formatVendorWord,
} from './format'

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [4320, '4.32 s'],
    [4000, '4 s'],
    [9999, '10 s'],
    [15_500, '15.5 s'],
    [59_990, '1 min'],
    [125_000, '2 min 5 s'],
    [120_000, '2 min'],
    [3_780_000, '1 h 3 min'],
    [3_600_000, '1 h'],
    [2 * 86_400_000 + 3 * 3_600_000, '2 d 3 h'],
  ])('%d ms reads %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected)
  })

  it('shows a dash for nonsense', () => {
    expect(formatDuration(-1)).toBe('—')
    expect(formatDuration(Number.NaN)).toBe('—')
  })
})

describe('times', () => {
  it('always names the time zone', () => {
    expect(formatAbsoluteTime('2026-11-20T12:00:00.000Z', 'utc')).toBe('20 Nov 2026, 12:00:00 UTC')
    expect(formatClockTime(Date.parse('2026-11-20T12:00:05.000Z'), 'utc')).toBe('12:00:05 UTC')
  })

  it('says how long ago', () => {
    const now = Date.parse('2026-11-20T12:00:00.000Z')
    expect(formatRelativeTime('2026-11-20T11:55:00.000Z', now)).toBe('5 minutes ago')
    expect(formatRelativeTime('2026-11-20T09:00:00.000Z', now)).toBe('3 hours ago')
    expect(formatRelativeTime('2026-11-19T12:00:00.000Z', now)).toBe('yesterday')
  })

  it('says vendor enum words as words', () => {
    expect(formatVendorWord('WEBHOOK_ASYNC')).toBe('Webhook async')
    expect(formatVendorWord('manual')).toBe('Manual')
  })

  it('groups thousands', () => {
    expect(formatCount(1420)).toBe('1,420')
  })
})
