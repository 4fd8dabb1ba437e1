/**
 * Formatting for people: durations that read at a glance (`4.32 s`, `2 min 5 s`, `1 h 3 min`),
 * absolute times that always name their time zone, and relative times for hover text.
 * Pinned to en-GB so the table reads the same on every machine and in every test.
 */
import { joinWithZoneName } from './zone-name'

export type TimeZoneMode = 'local' | 'utc'

const locale = 'en-GB'

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 10 && Number(seconds.toFixed(2)) < 10) return `${trimZeros(seconds.toFixed(2))} s`
  if (seconds < 60 && Number(seconds.toFixed(1)) < 60) return `${trimZeros(seconds.toFixed(1))} s`

  const totalSeconds = Math.round(seconds)
  const days = Math.floor(totalSeconds / 86_400)
  const hours = Math.floor((totalSeconds % 86_400) / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const secs = totalSeconds % 60
  if (days > 0) return joinUnits([days, 'd'], [hours, 'h'])
  if (hours > 0) return joinUnits([hours, 'h'], [minutes, 'min'])
  return joinUnits([minutes, 'min'], [secs, 's'])
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}

function joinUnits(major: [number, string], minor: [number, string]): string {
  return minor[0] > 0
    ? `${major[0]} ${major[1]} ${minor[0]} ${minor[1]}`
    : `${major[0]} ${major[1]}`
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

/** The reader's zone: the browser's own, or on the server the one the page is rendered in. */
let localZone: string | undefined

/**
 * Server rendering sets the zone of the page it renders (the reader's, from a cookie), just
 * before rendering it; a render is synchronous, so two pages never mix their zones.
 */
export function setLocalTimeZone(zone: string | undefined): void {
  localZone = zone
}

export function localTimeZone(): string {
  return localZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
}

/**
 * One `Intl.DateTimeFormat` per (shape, zone), made on first use: building one costs far more
 * than formatting with it, and a table formats hundreds of times per render.
 */
function dateTimeFormat(
  shape: string,
  mode: TimeZoneMode,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const timeZone = mode === 'utc' ? 'UTC' : localZone
  const key = `${shape}|${timeZone ?? 'local'}`
  let format = dateTimeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone })
    dateTimeFormats.set(key, format)
  }
  return format
}

function absoluteFormat(mode: TimeZoneMode): Intl.DateTimeFormat {
  return dateTimeFormat('absolute', mode, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  })
}

/** `20 Nov 2026, 13:00:00 CET`: the zone is part of the text, never implied. */
export function formatAbsoluteTime(iso: string, mode: TimeZoneMode): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  return formatNamingZone(absoluteFormat(mode), date)
}

/** Each format's zone, read once: `resolvedOptions()` costs more than the formatting itself. */
const zoneIds = new WeakMap<Intl.DateTimeFormat, string>()

function zoneIdOf(format: Intl.DateTimeFormat): string {
  let zone = zoneIds.get(format)
  if (zone === undefined) {
    zone = format.resolvedOptions().timeZone
    zoneIds.set(format, zone)
  }
  return zone
}

function formatNamingZone(format: Intl.DateTimeFormat, date: Date | number): string {
  return joinWithZoneName(format.formatToParts(date), zoneIdOf(format))
}

/** `13:00:05 CET` for "Updated" stamps. */
export function formatClockTime(ms: number, mode: TimeZoneMode): string {
  const format = dateTimeFormat('clock', mode, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  })
  return formatNamingZone(format, ms)
}

const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
const relativeSteps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
]

/** `5 minutes ago`, `in 2 hours`. */
export function formatRelativeTime(iso: string, nowMs: number): string {
  const time = new Date(iso).getTime()
  if (Number.isNaN(time)) return ''
  let value = (time - nowMs) / 1000
  for (const [unit, size] of relativeSteps) {
    if (Math.abs(value) < size) return relativeFormat.format(Math.round(value), unit)
    value /= size
  }
  return ''
}

const countFormat = new Intl.NumberFormat(locale)

/** `1,420` */
export function formatCount(value: number): string {
  return countFormat.format(value)
}

/**
 * `WEBHOOK_ASYNC` reads as "Webhook async": the one label for a vendor's enum word, so the
 * table and the drawer say the same; callers keep the vendor's word in the hover text.
 */
export function formatVendorWord(word: string): string {
  const spaced = word.replaceAll('_', ' ').trim().toLowerCase()
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many
}

/** `19 Nov, 00:00 – 20 Nov, 00:00 CET`: a chart bar's span, with its zone. */
export function formatTimeRange(fromIso: string, toIso: string, mode: TimeZoneMode): string {
  const from = new Date(fromIso)
  const to = new Date(toIso)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return '—'
  const format = dateTimeFormat('range', mode, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  })
  return joinWithZoneName(format.formatRangeToParts(from, to), zoneIdOf(format))
}
