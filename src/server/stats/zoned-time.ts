/**
 * Hour and day edges in an IANA time zone, from `Intl` alone (no tz database of our own).
 * Day buckets must start at local midnight, which moves with DST: a day there is 23 or 25
 * hours long, and an hour bucket in a half-hour zone starts at :30 UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

type WallTime = { year: number; month: number; day: number; hour: number; minute: number }

/** The wall-clock time at `ms` in `timeZone` (month 1-12), to the second. */
function wallTime(ms: number, timeZone: string): WallTime & { second: number } {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

/** How far `timeZone` is ahead of UTC at the instant `ms`, in ms. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const wall = wallTime(ms, timeZone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000))
}

/**
 * The instant a wall-clock time happens in `timeZone`. Two passes settle the offset across a
 * DST change; a wall time that does not exist (skipped at spring-forward) lands just after it.
 */
function instantOf(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone)
  guess = asUtc - zoneOffsetMs(guess, timeZone)
  return guess
}

export function startOfZonedDay(ms: number, timeZone: string): number {
  const wall = wallTime(ms, timeZone)
  return instantOf({ ...wall, hour: 0, minute: 0 }, timeZone)
}

/** The next local midnight after the day that contains `ms`. */
export function startOfNextZonedDay(ms: number, timeZone: string): number {
  const wall = wallTime(ms, timeZone)
  // Date.UTC rolls day 32 into the next month, so plain arithmetic on the day is safe.
  const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1))
  return instantOf(
    {
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  )
}

/** The start of the local hour that contains `ms` (hh:00 on the zone's clock). */
export function startOfZonedHour(ms: number, timeZone: string): number {
  const wall = wallTime(ms, timeZone)
  return ms - (((ms % 1000) + 1000) % 1000) - wall.minute * 60_000 - wall.second * 1000
}
