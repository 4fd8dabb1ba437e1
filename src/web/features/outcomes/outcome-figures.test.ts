import { describe, expect, it } from 'vitest'
import { toRunStats } from '../../test/fixtures'
import { describeCoverage, formatRate, shownStatuses } from './outcome-figures'
import { makeRun } from '../../test/fixtures'

const window = { from: '2026-11-13T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z' }
const runs = [
  makeRun({ id: 'a', status: 'failed', startedAt: '2026-11-19T10:00:00.000Z' }),
  makeRun({ id: 'b', status: 'unknown', startedAt: '2026-11-19T11:00:00.000Z' }),
  makeRun({ id: 'c', status: 'succeeded', startedAt: '2026-11-18T11:00:00.000Z' }),
]

describe('outcome figures', () => {
  it('lists the statuses that occur, succeeded and failed first', () => {
    expect(shownStatuses(toRunStats(runs, window))).toEqual(['succeeded', 'failed', 'unknown'])
  })

  it('says nothing about coverage when the window was read whole', () => {
    expect(describeCoverage(toRunStats(runs, window), 'utc')).toBeUndefined()
  })

  it('says in words how far back a partial answer reaches', () => {
    const stats = toRunStats(runs, window, {
      coverage: {
        complete: false,
        scannedRuns: 1000,
        coveredFrom: '2026-11-17T14:00:00.000Z',
        undatedRuns: 0,
      },
    })
    expect(describeCoverage(stats, 'utc')).toBe(
      'Based on the newest 1,000 runs, back to 17 Nov 2026, 14:00:00 UTC; bars before that are incomplete and fill in as Runboard reads further back.',
    )
  })

  it('shows small failure rates with a decimal and none as a dash', () => {
    expect(formatRate(0.0784)).toBe('7.8%')
    expect(formatRate(0.25)).toBe('25%')
    expect(formatRate(0)).toBe('0%')
    expect(formatRate(null)).toBe('—')
  })
})
