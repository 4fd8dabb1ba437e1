/**
 * Runs as CSV rows per RFC 4180 (CRLF line ends; a field holding a comma, a quote or a line
 * break is quoted, its quotes doubled), made safe to open in a spreadsheet: a text cell that
 * starts with `=`, `+`, `-`, `@` (or a tab or carriage return, which some apps skip before
 * reading a formula) gets a leading `'`, so it is shown as text and never run as a formula.
 */
import type { Run } from '../../shared/model'

/** The exported columns, in order: the normalized run, one field each. */
export const csvColumns = [
  'source',
  'id',
  'workflowId',
  'workflowName',
  'status',
  'vendorStatus',
  'createdAt',
  'startedAt',
  'finishedAt',
  'durationMs',
  'failedStep',
  'error',
  'version',
  'trigger',
] as const satisfies readonly (keyof Run)[]

const formulaStart = /^[=+\-@\t\r]/
const needsQuotes = /[",\r\n]/

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const text = formulaStart.test(value) ? `'${value}` : value
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(cells: readonly (string | number | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

export const csvHeader = csvLine(csvColumns)

export function runCsvLine(run: Run): string {
  return csvLine(csvColumns.map((column) => run[column]))
}
