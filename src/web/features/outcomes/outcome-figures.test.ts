import { describe, expect, it } from 'vitest'
import { toRunStats } from '../../test/fixtures'
import { describeCoverage, formatRate, headlineFigures, shownStatuses } from './outcome-figures'
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

describe('headline figures', () => {
  const durations = { p50Ms: 4320, p95Ms: 9000, sampleSize: 2 }
  const stats = toRunStats(runs, window, { durations })

  it('are the window’s own without a status filter', () => {
    expect(
      headlineFigures(stats, undefined, undefined).map((figure) => [figure.label, figure.value]),
    ).toEqual([
      ['Runs', '3'],
      ['Succeeded', '1'],
      ['Failed', '1'],
      ['Failure rate', '50%'],
      ['p50 duration', '4.32 s'],
      ['p95 duration', '9 s'],
    ])
  })

  it('never say "Succeeded 0 · Failure rate 100%" of a failed-only view', () => {
    const failedOnly = toRunStats(runs.slice(0, 1), window, { durations })
    const figures = headlineFigures(failedOnly, ['failed'], 0.5)
    expect(figures.map((figure) => [figure.label, figure.value])).toEqual([
      ['Failed runs', '1'],
      ['Failure rate, all runs', '50%'],
      ['p50 duration, these runs', '4.32 s'],
      ['p95 duration, these runs', '9 s'],
    ])
  })

  it('count each chosen outcome when more than one status is chosen', () => {
    const labels = headlineFigures(stats, ['succeeded', 'failed'], null).map((f) => f.label)
    expect(labels.slice(0, 4)).toEqual([
      'Succeeded or Failed runs',
      'Succeeded',
      'Failed',
      'Failure rate, all runs',
    ])
  })

  it('wait for the unfiltered answer rather than guess its rate', () => {
    const rate = headlineFigures(stats, ['failed'], undefined)[1]
    expect(rate).toEqual({ label: 'Failure rate, all runs', value: undefined })
  })
})
