/**
 * Splits a time window into the whole rollup units it covers (days, 15-minute slots), read
 * from the small rollup tables, and the partial units at its edges, counted exactly from the
 * runs themselves: exact answers for any window at the cost of two short index ranges.
 */
export type Range = { fromMs?: number | undefined; toMs?: number | undefined }

export type WindowSplit = { whole: Range | undefined; edges: { fromMs: number; toMs: number }[] }

const floorTo = (ms: number, unit: number) => ms - (((ms % unit) + unit) % unit)
const ceilTo = (ms: number, unit: number) => floorTo(ms + unit - 1, unit)

export function splitWindow(window: Range, unitMs: number): WindowSplit {
  const { fromMs, toMs } = window
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
    return { whole: undefined, edges: [] }
  const wholeFrom = fromMs === undefined ? undefined : ceilTo(fromMs, unitMs)
  const wholeTo = toMs === undefined ? undefined : floorTo(toMs, unitMs)
  if (wholeFrom !== undefined && wholeTo !== undefined && wholeFrom > wholeTo) {
    // Inside one unit: all of it is one edge.
    return { whole: undefined, edges: [{ fromMs: fromMs as number, toMs: toMs as number }] }
  }
  const noWhole = wholeFrom !== undefined && wholeFrom === wholeTo
  const edges: { fromMs: number; toMs: number }[] = []
  if (fromMs !== undefined && wholeFrom !== undefined && fromMs < wholeFrom) {
    edges.push({ fromMs, toMs: wholeFrom })
  }
  if (toMs !== undefined && wholeTo !== undefined && wholeTo < toMs) {
    edges.push({ fromMs: wholeTo, toMs })
  }
  // Straddling one unit boundary: two edges, each inside its own unit.
  return { whole: noWhole ? undefined : { fromMs: wholeFrom, toMs: wholeTo }, edges }
}

export { floorTo }
