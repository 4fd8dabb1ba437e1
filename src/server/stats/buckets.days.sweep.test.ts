/**
 * Day buckets for a whole year in every zone the runtime knows, checked against Intl: the
 * zone sweep of issue 10 (a skipped midnight used to hang the server). Each bucket after the
 * first must start on the next calendar day, at the first instant of that day.
 */
import { describe, expect, it } from 'vitest'
import { bucketEdges, countRuns } from './buckets'
import { addDays, dayMs, localDate } from './zone-oracle.test-support'

const zones = Intl.supportedValuesOf('timeZone')
const from = Date.parse('2026-01-01T00:00:00Z')
const to = Date.parse('2027-01-01T00:00:00Z')

describe('day buckets over 2026 in every zone', () => {
  it('knows hundreds of zones, the three with a skipped midnight among them', () => {
    expect(zones.length).toBeGreaterThan(300)
    expect(zones).toEqual(
      expect.arrayContaining(['America/Havana', 'Atlantic/Azores', 'America/Santiago']),
    )
  })

  it('are contiguous, increasing, one per local date, each from its first instant', () => {
    const failures: string[] = []
    for (const zone of zones) {
      const edges = bucketEdges(from, to, 'day', zone)
      const buckets = countRuns([], edges).buckets
      const firstDate = localDate(from, zone)
      const lastDate = localDate(to - 1, zone)
      const days =
        (Date.parse(`${lastDate}T00:00:00Z`) - Date.parse(`${firstDate}T00:00:00Z`)) / dayMs + 1
      if (buckets.length !== days) failures.push(`${zone}: ${buckets.length} buckets, ${days} days`)
      if (buckets[0]?.start !== new Date(from).toISOString()) failures.push(`${zone}: first start`)
      if (buckets.at(-1)?.end !== new Date(to).toISOString()) failures.push(`${zone}: last end`)
      for (let index = 1; index < buckets.length; index += 1) {
        const start = edges[index] ?? Number.NaN
        if (!(start > (edges[index - 1] ?? Number.NaN))) failures.push(`${zone}: edge ${index}`)
        if (buckets[index - 1]?.end !== buckets[index]?.start)
          failures.push(`${zone}: gap ${index}`)
        const expected = addDays(firstDate, index)
        if (
          localDate(start, zone) !== expected ||
          localDate(start - 1, zone) !== addDays(expected, -1)
        ) {
          failures.push(
            `${zone}: bucket ${index} starts ${new Date(start).toISOString()}, not ${expected}'s first instant`,
          )
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([])
  })
})
