/**
 * `<input type="datetime-local">` holds a wall-clock time without a zone (`2026-11-20T13:00`).
 * The page shows times in local time or UTC (`tz`); these read and write the inputs in that
 * same zone, so a custom range means what the table's times say.
 */
import type { TimeZoneMode } from '../../lib/format'

const pad = (value: number) => String(value).padStart(2, '0')

export function toInputValue(iso: string | undefined, tz: TimeZoneMode): string {
  if (iso === undefined) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  if (tz === 'utc') return date.toISOString().slice(0, 16)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The instant an input's value names in the page's zone, or undefined when it names none. */
export function fromInputValue(value: string, tz: TimeZoneMode): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined
  // Without an offset a date-time string is local time; with `Z` it is UTC.
  const date = new Date(tz === 'utc' ? `${value}Z` : value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}
