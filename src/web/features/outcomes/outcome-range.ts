/**
 * The chart's window as the stats API wants it: `24h` is the last 24 whole hours plus the
 * current one so far, `7d`/`30d` the last 7 or 30 calendar days ending today, in the chosen
 * zone. Aligning `from` to an hour or a midnight keeps every bar but the last a whole bucket,
 * so bars compare like with like. `to` is now, rounded up to the minute: the query key moves
 * once a minute, not on every render.
 */
import type { StatsBucket } from '../../../shared/api-params'
import { localTimeZone, type TimeZoneMode } from '../../lib/format'
import type { OutcomeWindow } from '../../lib/outcome-windows'

export type OutcomeRange = { from: string; to: string; bucket: StatsBucket; timeZone: string }

export const outcomeWindowLabels: Record<OutcomeWindow, string> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
}

export function outcomeRange(
  window: OutcomeWindow,
  nowMs: number,
  tz: TimeZoneMode,
  localZone = localTimeZone(),
): OutcomeRange {
  const toMs = Math.ceil(nowMs / 60_000) * 60_000
  const timeZone = tz === 'utc' ? 'UTC' : localZone
  const now = new Date(nowMs)
  if (window === '24h') {
    const hourStart = new Date(nowMs)
    if (tz === 'utc') hourStart.setUTCMinutes(0, 0, 0)
    else hourStart.setMinutes(0, 0, 0)
    return {
      from: new Date(hourStart.getTime() - 23 * 3_600_000).toISOString(),
      to: new Date(toMs).toISOString(),
      bucket: 'hour',
      timeZone,
    }
  }
  const days = window === '7d' ? 7 : 30
  // Date's own calendar arithmetic: local midnight N days back, across any DST change.
  const fromMs =
    tz === 'utc'
      ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1))
      : new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1)).getTime()
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    bucket: 'day',
    timeZone,
  }
}
