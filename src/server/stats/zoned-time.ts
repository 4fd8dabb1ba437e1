/**
 * Hour and day edges in an IANA time zone. The old arithmetic got clock changes wrong: a
 * midnight that a change skips (Havana, Azores, Santiago) came out as the day before and hung
 * the bucket loop. Here a day starts at the first instant whose local date is that day (01:00
 * where midnight is skipped), and an hour edge is each hh:00 on the zone's clock plus each
 * clock change, so an hour bucket is one unbroken stretch of one local clock hour.
 *
 * Offsets come from @date-fns/tz's `tzOffset` (the runtime's tz database through Intl, the
 * same whatever zone the host runs in). Its TZDate is not used to build wall times: with the
 * host in America/Havana or Pacific/Chatham, `new TZDate(y, m, d, zone)` misplaces some
 * midnights next to a change (the all-zone sweep in the tests caught it), so the first instant
 * of a wall time is found here by stepping from offset to offset.
 */
import { tzOffset } from '@date-fns/tz'

const hourMs = 3_600_000
const dayMs = 24 * hourMs

// The last offset read: each step of a bucket loop starts where the last one checked.
let last = { ms: Number.NaN, timeZone: '', offset: 0 }

/** How far `timeZone` is ahead of UTC at the instant `ms`, in ms. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (ms !== last.ms || timeZone !== last.timeZone) {
    last = { ms, timeZone, offset: Math.round(tzOffset(timeZone, new Date(ms)) * 60_000) }
  }
  return last.offset
}

/**
 * The first instant in (after, until] whose offset is not `offset`, or undefined when the
 * offset at `until` is still `offset`. Callers span at most a day, and no zone changes its
 * clock twice within one (the tests sweep every zone to hold that).
 */
function offsetChange(
  after: number,
  until: number,
  offset: number,
  timeZone: string,
): number | undefined {
  if (zoneOffsetMs(until, timeZone) === offset) return undefined
  let before = after
  let changed = until
  while (changed - before > 1) {
    const middle = before + Math.floor((changed - before) / 2)
    if (zoneOffsetMs(middle, timeZone) === offset) before = middle
    else changed = middle
  }
  return changed
}

/**
 * The first instant after `ms` at which the zone's clock reads `wall` or later (`wall` being
 * a wall time written as if it were UTC, and later than the clock at `ms`). Where a change
 * skips `wall` that is the change itself; where the clock goes back, the first time it gets
 * there. Each step ends at an offset change later than the last, and a day holds at most one.
 */
function firstInstantAtWall(ms: number, wall: number, timeZone: string): number {
  let from = ms
  let offset = zoneOffsetMs(ms, timeZone)
  for (let step = 0; step < 3; step += 1) {
    const reading = wall - offset
    const change = offsetChange(from, reading, offset, timeZone)
    if (change === undefined) return reading
    offset = zoneOffsetMs(change, timeZone)
    if (change + offset >= wall) return change
    from = change
  }
  throw new Error(
    `${timeZone} changes its clock more than twice before ${new Date(wall).toISOString().slice(0, 16)} local`,
  )
}

/** The first instant of the local day after the one that holds `ms`. */
export function startOfNextZonedDay(ms: number, timeZone: string): number {
  const wall = ms + zoneOffsetMs(ms, timeZone)
  return firstInstantAtWall(ms, (Math.floor(wall / dayMs) + 1) * dayMs, timeZone)
}

/**
 * The first hour edge after `ms`: the next time the zone's clock reads hh:00, unless the clock
 * changes before that, in which case the change is the edge (the next call goes on from the
 * new offset). Always later than `ms`.
 */
export function nextZonedHourEdge(ms: number, timeZone: string): number {
  const offset = zoneOffsetMs(ms, timeZone)
  const nextHour = (Math.floor((ms + offset) / hourMs) + 1) * hourMs - offset
  return offsetChange(ms, nextHour, offset, timeZone) ?? nextHour
}
