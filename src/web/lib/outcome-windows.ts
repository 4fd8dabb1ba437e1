/** The outcomes chart's windows: the URL (runs feature) and the chart (outcomes) share them. */
export const outcomeWindows = ['24h', '7d', '30d'] as const
export type OutcomeWindow = (typeof outcomeWindows)[number]
/** A window's span in words, for sentences ("showing 7 days"). */
export const outcomeWindowNames: Record<OutcomeWindow, string> = {
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
}
