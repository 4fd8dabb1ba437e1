/**
 * The file name of an export: what a person sees in their downloads folder, so it says the
 * source, the filter and the day it was made (`runboard-demo-puq-failed-2026-11-20.csv`).
 * Only letters, digits, `.`, `_` and `-` survive, so the name needs no quoting anywhere and
 * no id can smuggle a path or a header into it.
 */
import type { RunStatus } from '../../shared/run-status'

export type ExportNaming = {
  source: string
  q?: string | undefined
  workflow?: string | undefined
  status?: readonly RunStatus[] | undefined
  from?: string | undefined
  to?: string | undefined
}

const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80)

/** `2026-11-20T02:00:00.000Z` as `20261120T0200Z`: short, sortable, no colons. */
const compactInstant = (iso: string) =>
  new Date(Date.parse(iso)).toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z'

export function exportFileName(naming: ExportNaming, extension: string, nowMs: number): string {
  const parts = ['runboard', naming.source]
  if (naming.q !== undefined) parts.push(`search-${naming.q}`)
  if (naming.workflow !== undefined) parts.push(`workflow-${naming.workflow}`)
  if (naming.status !== undefined && naming.status.length > 0) parts.push(naming.status.join('_'))
  if (naming.from !== undefined) parts.push(`from-${compactInstant(naming.from)}`)
  if (naming.to !== undefined) parts.push(`to-${compactInstant(naming.to)}`)
  parts.push(new Date(nowMs).toISOString().slice(0, 10))
  return `${parts.map(safe).join('-')}.${extension}`
}

export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`
}
