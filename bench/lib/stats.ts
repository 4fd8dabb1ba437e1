/** Small statistics and formatting helpers shared by the bench parts. */

/** The median of the values (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN
  return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
}

/** Nearest-rank percentile (p in 0..100); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? Number.NaN
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export const fmtMs = (ms: number): string =>
  Number.isFinite(ms)
    ? `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} ms`
    : 'n/a'

/** Kilobytes of 1000 bytes, the unit Vite prints its gzip sizes in. */
export const fmtKb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`

/** Mebibytes, like `process.memoryUsage()` figures are usually read. */
export const fmtMb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

export const fmtRatio = (ratio: number): string =>
  Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a'

export const fmtInt = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a'

export const fmtPct = (share: number): string =>
  Number.isFinite(share) ? `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%` : 'n/a'
