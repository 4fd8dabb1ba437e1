/**
 * The runs page's preset time ranges ("the last hour" and so on) and the `from` each one means
 * at a given moment. Kept free of zod and React: the SPA, its early fetch and the server's HTML
 * preload all turn `range=24h` into the same API URL, so each must compute the same `from`.
 * That is why `from` is floored to the minute (two clocks reading the same minute agree) and
 * why a preset has no `to`: runs that start while the page is open still belong to it.
 */
export const runRangePresets = ['1h', '24h', '7d', '30d'] as const
export type RunRangePreset = (typeof runRangePresets)[number]

const hourMs = 3_600_000

export const runRangePresetMs: Record<RunRangePreset, number> = {
  '1h': hourMs,
  '24h': 24 * hourMs,
  '7d': 7 * 24 * hourMs,
  '30d': 30 * 24 * hourMs,
}

export function isRunRangePreset(value: unknown): value is RunRangePreset {
  return runRangePresets.some((preset) => preset === value)
}

/** `2026-11-20T11:00:00.000Z` for `1h` at 12:00:42Z: the preset's start, on a whole minute. */
export function presetFrom(preset: RunRangePreset, nowMs: number): string {
  const fromMs = nowMs - runRangePresetMs[preset]
  return new Date(Math.floor(fromMs / 60_000) * 60_000).toISOString()
}
