/**
 * The figures every part hands back, the verdict lines, the final table and the JSON files
 * under bench/results/. A verdict is `ok` or `over` against a budget; figures without a budget
 * are shown for context. Budgets never change the exit code: the bench reports, it does not
 * gate.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type Verdict = 'ok' | 'over' | 'n/a' | 'failed'

export type Row = {
  figure: string
  value: string
  /** Human-readable budget, or '' for a figure shown for context only. */
  budget: string
  verdict: Verdict | ''
}

export type PartRow = Row & { part: string }

export type PartOutcome = {
  rows: Row[]
  /** Everything measured, for the JSON file (raw samples, breakdowns, settings). */
  figures: Record<string, unknown>
}

export type Comparison = '<=' | '<' | '>=' | '>'

export function judge(value: number, comparison: Comparison, limit: number): Verdict {
  if (!Number.isFinite(value)) return 'n/a'
  const within =
    comparison === '<='
      ? value <= limit
      : comparison === '<'
        ? value < limit
        : comparison === '>='
          ? value >= limit
          : value > limit
  return within ? 'ok' : 'over'
}

/** A figure held to a budget. */
export function budgetRow(
  figure: string,
  value: number,
  shown: string,
  comparison: Comparison,
  limit: number,
  budget: string,
): Row {
  return { figure, value: shown, budget, verdict: judge(value, comparison, limit) }
}

/** A figure shown for context, without a budget. */
export function infoRow(figure: string, value: string): Row {
  return { figure, value, budget: '', verdict: '' }
}

export function verdictLine(row: PartRow): string {
  const verdict = row.verdict === '' ? '' : row.verdict.padEnd(6)
  return `${verdict} [${row.part}] ${row.figure}: ${row.value} (budget ${row.budget})`
}

export function formatTable(rows: readonly PartRow[]): string {
  const header = ['part', 'figure', 'value', 'budget', 'verdict']
  const cells = rows.map((row) => [row.part, row.figure, row.value, row.budget, row.verdict])
  const widths = header.map((title, column) =>
    Math.min(
      column === 1 ? 64 : column === 2 ? 60 : 40,
      Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
    ),
  )
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => value.padEnd(widths[column] ?? 0))
      .join(' | ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-')
  return [line(header), rule, ...cells.map(line)].join('\n')
}

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results')

/** Writes results/<timestamp>.json and results/latest.json; returns the timestamped path. */
export async function writeResults(document: Record<string, unknown>): Promise<string> {
  await mkdir(resultsDir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = join(resultsDir, `${stamp}.json`)
  const text = `${JSON.stringify(document, null, 2)}\n`
  await writeFile(file, text)
  await writeFile(join(resultsDir, 'latest.json'), text)
  return file
}
