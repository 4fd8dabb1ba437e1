import { describe, expect, it } from 'vitest'
import { fromInputValue, toInputValue } from './datetime-local'

describe('datetime-local values', () => {
  it('reads and writes UTC wall-clock times', () => {
    expect(fromInputValue('2026-11-20T10:00', 'utc')).toBe('2026-11-20T10:00:00.000Z')
    expect(toInputValue('2026-11-20T10:00:00.000Z', 'utc')).toBe('2026-11-20T10:00')
    expect(toInputValue('2026-11-20T11:30:00+01:00', 'utc')).toBe('2026-11-20T10:30')
  })

  it('reads and writes local wall-clock times', () => {
    const local = new Date(2026, 10, 20, 10, 0).toISOString()
    expect(fromInputValue('2026-11-20T10:00', 'local')).toBe(local)
    expect(toInputValue(local, 'local')).toBe('2026-11-20T10:00')
  })

  it('refuses what names no instant', () => {
    expect(fromInputValue('', 'utc')).toBeUndefined()
    expect(fromInputValue('2026-11-20', 'utc')).toBeUndefined()
    expect(fromInputValue('2026-13-40T99:00', 'utc')).toBeUndefined()
    expect(toInputValue('not a time', 'local')).toBe('')
  })
})
