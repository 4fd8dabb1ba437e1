/**
 * Hour buckets in every zone the runtime knows, checked against Intl: around every offset
 * change of 2026 in every zone, two days in every zone, and the whole year in zones with odd
 * offsets or changes. (A whole year of hours in all ~400 zones would take over ten seconds.)
 * An hour bucket is one unbroken stretch of one local clock hour: it starts when the clock
 * reads hh:00 or where the clock changes, and holds no change or hh:00 inside.
 */
import { describe, expect, it } from 'vitest'
import { bucketEdges, countRuns } from './buckets'
import { hourMs, wallClock, ZoneOffsets } from './zone-oracle.test-support'

const zones = Intl.supportedValuesOf('timeZone')
const yearFrom = Date.parse('2026-01-01T00:00:00Z')
const yearTo = Date.parse('2027-01-01T00:00:00Z')
const offsetsByZone = new Map<string, ZoneOffsets>()

function offsets(zone: string): ZoneOffsets {
  let found = offsetsByZone.get(zone)
  if (found === undefined) {
    found = new ZoneOffsets(zone, yearFrom - 2 * 86_400_000, yearTo + 2 * 86_400_000)
    offsetsByZone.set(zone, found)
  }
  return found
}

/** What is wrong with the hour buckets of [from, to) in `zone`; empty when nothing is. */
function hourProblems(
  zone: string,
  from: number,
  to: number,
  readIntl: boolean,
): { problems: string[]; count: number } {
  const problems: string[] = []
  const zoneOffsets = offsets(zone)
  const edges = bucketEdges(from, to, 'hour', zone, Number.POSITIVE_INFINITY)
  const buckets = countRuns([], edges).buckets
  const say = (text: string) => problems.push(`${zone} ${new Date(from).toISOString()}: ${text}`)
  const expected = zoneOffsets.hourBucketCount(from, to)
  if (buckets.length !== expected) say(`${buckets.length} hour buckets, expected ${expected}`)
  if (buckets[0]?.start !== new Date(from).toISOString()) say('first start')
  if (buckets.at(-1)?.end !== new Date(to).toISOString()) say('last end')
  for (let index = 0; index + 1 < edges.length; index += 1) {
    const start = edges[index] ?? Number.NaN
    const end = edges[index + 1] ?? Number.NaN
    const at = new Date(start).toISOString()
    if (index > 0 && buckets[index - 1]?.end !== buckets[index]?.start) say(`gap before ${at}`)
    if (!(end > start) || end - start > hourMs) say(`bucket at ${at} lasts ${end - start} ms`)
    const offset = zoneOffsets.at(start)
    if (zoneOffsets.changes.some((change) => change.at > start && change.at < end)) {
      say(`the clock changes inside the bucket at ${at}`)
    }
    if (Math.floor((start + offset) / hourMs) !== Math.floor((end - 1 + offset) / hourMs)) {
      say(`the bucket at ${at} spans two clock hours`)
    }
    if (index > 0) {
      const wall = readIntl ? wallClock(start, zone) : start + offset
      if (wall % hourMs !== 0 && !zoneOffsets.isChange(start)) say(`${at} is not an hour edge`)
    }
  }
  return { problems, count: buckets.length }
}

describe('the Intl oracle', () => {
  it('finds the 2026 clock changes at the instants the zones’ rules give', () => {
    expect(offsets('America/Havana').changes).toEqual([
      { at: Date.parse('2026-03-08T05:00:00Z'), before: -5 * hourMs, after: -4 * hourMs },
      { at: Date.parse('2026-11-01T05:00:00Z'), before: -4 * hourMs, after: -5 * hourMs },
    ])
    expect(offsets('Australia/Lord_Howe').changes.map((change) => change.at)).toEqual([
      Date.parse('2026-04-04T15:00:00Z'),
      Date.parse('2026-10-03T15:30:00Z'),
    ])
    expect(offsets('Asia/Kathmandu').changes).toEqual([])
    expect(offsets('Asia/Kathmandu').hourBucketCount(yearFrom, yearTo)).toBe(8761)
    expect(offsets('UTC').hourBucketCount(yearFrom, yearTo)).toBe(8760)
  })
})

describe('hour buckets', () => {
  it('are right for three days around every 2026 clock change of every zone', () => {
    const problems: string[] = []
    let windows = 0
    for (const zone of zones) {
      for (const change of offsets(zone).changes) {
        if (change.at < yearFrom || change.at >= yearTo) continue
        const from = Math.floor(change.at / hourMs) * hourMs - 36 * hourMs
        problems.push(...hourProblems(zone, from, from + 72 * hourMs, true).problems)
        windows += 1
      }
    }
    expect(windows).toBeGreaterThan(100)
    expect(problems.slice(0, 20)).toEqual([])
  })

  it('are right for two days in every zone, from a UTC hour and from an odd minute', () => {
    const problems: string[] = []
    for (const zone of zones) {
      const from = Date.parse('2026-06-10T00:00:00Z')
      problems.push(...hourProblems(zone, from, from + 48 * hourMs, true).problems)
      problems.push(
        ...hourProblems(zone, from + 7 * 60_000 + 1, from + 30 * hourMs, false).problems,
      )
    }
    expect(problems.slice(0, 20)).toEqual([])
  })

  // A zone on whole hours has one bucket per UTC hour; on :30 or :45 the window's first and
  // last hours are partial, which makes one more.
  it.each([
    ['Asia/Kathmandu', 8761],
    // Two half-hour changes: each adds an edge where the clock reads hh:30, and each takes
    // half an hour from the stretch of hh:00 readings on one side of it.
    ['Australia/Lord_Howe', 8761],
    // +13:45/+12:45, changing at 02:45 standard time: both changes read hh:45 and add an edge.
    ['Pacific/Chatham', 8763],
    ['America/St_Johns', 8761],
    ['America/Havana', 8760],
    ['America/Santiago', 8760],
    ['Africa/Casablanca', 8760],
    ['UTC', 8760],
  ])('are right for the whole of 2026 in %s (%i buckets)', (zone, count) => {
    const { problems, count: made } = hourProblems(zone, yearFrom, yearTo, false)
    expect(problems).toEqual([])
    expect(made).toBe(count)
  })
})
