/** The outcomes chart's windows: the URL (runs feature) and the chart (outcomes) share them. */
export const outcomeWindows = ['24h', '7d', '30d'] as const
export type OutcomeWindow = (typeof outcomeWindows)[number]
