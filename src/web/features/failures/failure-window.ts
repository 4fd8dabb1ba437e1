/**
 * A window of the Failures view as the API's `from`/`to`: the last 24 hours, 7 or 30 days up
 * to now. `to` is now rounded up to the minute, so the query key (and the "new" badge, which
 * is relative to `from`) moves once a minute, not on every render.
 */
import type { OutcomeWindow } from '../../lib/outcome-windows'

export type FailureWindow = { from: string; to: string }

const windowMs: Record<OutcomeWindow, number> = {
  '24h': 24 * 3_600_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
}

export const failureWindowLabels: Record<OutcomeWindow, string> = {
  '24h': 'the last 24 hours',
  '7d': 'the last 7 days',
  '30d': 'the last 30 days',
}

export function failureWindow(window: OutcomeWindow, nowMs: number): FailureWindow {
  const toMs = Math.ceil(nowMs / 60_000) * 60_000
  return {
    from: new Date(toMs - windowMs[window]).toISOString(),
    to: new Date(toMs).toISOString(),
  }
}
