/**
 * What the zone sweeps check the bucket edges against, read from Intl.DateTimeFormat alone
 * (never from @date-fns/tz or our zoned-time): local dates, wall clocks and the instants
 * where a zone's offset changes.
 */
export const hourMs = 3_600_000
export const dayMs = 86_400_000

const dateFormatters = new Map<string, Intl.DateTimeFormat>()
const wallFormatters = new Map<string, Intl.DateTimeFormat>()

function cached(
  map: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: () => Intl.DateTimeFormat,
) {
  let formatter = map.get(timeZone)
  if (formatter === undefined) {
    formatter = make()
    map.set(timeZone, formatter)
  }
  return formatter
}

/** The local calendar date at `ms`, as YYYY-MM-DD. */
export function localDate(ms: number, timeZone: string): string {
  return cached(
    dateFormatters,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  ).format(ms)
}

/** The wall clock at `ms`, read as if it were UTC (so offset = wall - ms). */
export function wallClock(ms: number, timeZone: string): number {
  const formatter = cached(
    wallFormatters,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  )
  const parts: Record<string, number> = {}
  for (const part of formatter.formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((ms % 1000) + 1000) % 1000)
}

export const offsetOf = (ms: number, timeZone: string): number => wallClock(ms, timeZone) - ms

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10)
}

export type OffsetChange = { at: number; before: number; after: number }

/**
 * A zone's offset over [fromMs, toMs): sampled daily, and each change pinned to the millisecond
 * by bisection. No zone changes its clock twice within a day in these years (were one to, the
 * sweeps would fail, not pass: the code under test reads the offset at every hour).
 */
export class ZoneOffsets {
  readonly changes: OffsetChange[] = []
  private readonly first: number

  constructor(
    readonly timeZone: string,
    fromMs: number,
    toMs: number,
  ) {
    this.first = offsetOf(fromMs, timeZone)
    let previous = fromMs
    let previousOffset = this.first
    for (let sample = fromMs + dayMs; previous < toMs; sample += dayMs) {
      const offset = offsetOf(sample, timeZone)
      if (offset !== previousOffset) this.changes.push(this.pin(previous, sample, previousOffset))
      previous = sample
      previousOffset = offset
    }
  }

  private pin(before: number, after: number, offset: number): OffsetChange {
    let low = before
    let high = after
    while (high - low > 1) {
      const middle = low + Math.floor((high - low) / 2)
      if (offsetOf(middle, this.timeZone) === offset) low = middle
      else high = middle
    }
    return { at: high, before: offset, after: offsetOf(high, this.timeZone) }
  }

  /** The offset at `ms` (within the range scanned). */
  at(ms: number): number {
    let offset = this.first
    for (const change of this.changes) {
      if (change.at > ms) break
      offset = change.after
    }
    return offset
  }

  isChange(ms: number): boolean {
    return this.changes.some((change) => change.at === ms)
  }

  /**
   * How many hour buckets [fromMs, toMs) has, counted a different way than the code does:
   * each instant inside the window where the wall clock reads hh:00:00, per stretch of one
   * offset, plus each change whose new reading is not on the hour; one more than those edges.
   */
  hourBucketCount(fromMs: number, toMs: number): number {
    const bounds = [
      fromMs,
      ...this.changes.map((change) => change.at).filter((at) => at > fromMs && at < toMs),
      toMs,
    ]
    let edges = 0
    for (let index = 0; index + 1 < bounds.length; index += 1) {
      const start = bounds[index] ?? 0
      const end = bounds[index + 1] ?? 0
      const offset = this.at(start)
      // Readings k*1h - offset in [start, end), leaving out the window's own start.
      const low = index === 0 ? start + 1 : start
      const first = Math.ceil((low + offset) / hourMs)
      const last = Math.floor((end - 1 + offset) / hourMs)
      edges += Math.max(0, last - first + 1)
      if (index > 0 && (start + offset) % hourMs !== 0) edges += 1
    }
    return edges + 1
  }
}
