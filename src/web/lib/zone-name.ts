/**
 * Time zone names people recognise. `Intl`'s short name is an abbreviation where the locale
 * has one (`CET`, `UTC`) and a bare offset where it has none (`GMT-5` for New York in en-GB):
 * the offset alone does not say which zone, so it gains the zone's city from its IANA name.
 */
const offsetName = /^(?:GMT|UTC)([+-])(\d{1,2})(?::(\d{2}))?$/

/** `GMT-5` in America/New_York reads `New York (UTC−5)`; `CET` and `UTC` stay as they are. */
export function zoneName(shortName: string, zoneId: string): string {
  const match = offsetName.exec(shortName)
  if (!match) return shortName
  const [, sign, hours, minutes] = match
  // A typographic minus, as in "UTC−5": a hyphen reads as a dash next to a time range.
  const offset = `UTC${sign === '-' ? '\u2212' : '+'}${hours ?? ''}${minutes ? `:${minutes}` : ''}`
  const city = zoneId.startsWith('Etc/') ? undefined : zoneId.split('/').at(-1)
  return city && city !== zoneId ? `${city.replaceAll('_', ' ')} (${offset})` : offset
}

/** A formatted date with its zone part named by `zoneName`. */
export function joinWithZoneName(parts: readonly Intl.DateTimeFormatPart[], zoneId: string) {
  return parts
    .map((part) => (part.type === 'timeZoneName' ? zoneName(part.value, zoneId) : part.value))
    .join('')
}
