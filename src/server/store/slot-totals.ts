/**
 * Matching runs per 15-minute slot in a time range (within the filter's window), newest slot
 * first: whole slots from the slot rollup, the window's partial edge slots counted exactly. It
 * is what narrows a deep page from a day or two of rows down to a slot or two.
 */
import type { Db } from './db'
import { placeholders, statusesOf, whereOf } from './filter-sql'
import { rollupSlotMs } from './rows'
import type { RunFilter } from './types'
import { floorTo, splitWindow } from './window-split'

type SlotRow = { slot_ms: number | string; n: number | string }

export async function slotTotals(
  db: Db,
  filter: RunFilter,
  range: { fromMs: number; toMs: number },
): Promise<[number, number][]> {
  const fromMs = Math.max(range.fromMs, filter.fromMs ?? range.fromMs)
  const toMs = Math.min(range.toMs, filter.toMs ?? range.toMs)
  const split = splitWindow({ fromMs, toMs }, rollupSlotMs)
  const statuses = statusesOf(filter)
  const reads: Promise<SlotRow[]>[] = []
  if (split.whole !== undefined) {
    const params = [...filter.sources, split.whole.fromMs ?? fromMs, split.whole.toMs ?? toMs]
    const byStatus =
      statuses === undefined ? '' : ` AND status IN (${placeholders(statuses.length)})`
    reads.push(
      db.all<SlotRow>(
        `SELECT slot_ms, runs AS n FROM run_slots
         WHERE source IN (${placeholders(filter.sources.length)}) AND slot_ms >= ? AND slot_ms < ?${byStatus}`,
        [...params, ...(statuses ?? [])],
      ),
    )
  }
  for (const edge of split.edges) {
    const where = whereOf({ ...filter, ...edge })
    reads.push(
      db.all<SlotRow>(`SELECT ? AS slot_ms, COUNT(*) AS n FROM runs WHERE ${where.sql}`, [
        floorTo(edge.fromMs, rollupSlotMs),
        ...where.params,
      ]),
    )
  }
  const slots = new Map<number, number>()
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) {
      const slot = Number(row.slot_ms)
      slots.set(slot, (slots.get(slot) ?? 0) + Number(row.n))
    }
  }
  return [...slots].filter(([, n]) => n > 0).sort((a, b) => b[0] - a[0])
}
