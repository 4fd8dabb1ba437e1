/**
 * Vendor timestamps and statuses, made safe for the normalized model: times are validated as
 * parseable at the boundary and re-emitted as UTC ISO strings, and a status word we do not
 * know becomes `unknown` (the raw word is kept in `vendorStatus`) instead of failing the page.
 */
import { z } from 'zod'
import { runStatuses, type RunStatus } from '../../shared/run-status'

/** A vendor time: any string Date can parse (ISO 8601 in practice); null/absent allowed. */
export const vendorTimeSchema = z
  .string()
  .refine((value) => Number.isFinite(Date.parse(value)), 'must be an ISO 8601 time')
  .nullish()

export function toIsoTime(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined
  return new Date(Date.parse(value)).toISOString()
}

/** Maps a vendor status word; `aliases` covers vendor words that differ from ours. */
export function toRunStatus(
  vendorStatus: string,
  aliases: Readonly<Record<string, RunStatus>> = {},
): RunStatus {
  const word = vendorStatus.trim().toLowerCase()
  const alias = aliases[word]
  if (alias !== undefined) return alias
  return runStatuses.find((status) => status === word && status !== 'unknown') ?? 'unknown'
}
