/** What else the machine is doing: other work on 2 cores skews every figure. */
import { readFileSync } from 'node:fs'
import { sleep } from './bounded'

function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
    const fields = line.trim().split(/\s+/).slice(1).map(Number)
    const total = fields.reduce((sum, value) => sum + value, 0)
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
    return { busy: total - idle, total }
  } catch {
    return undefined
  }
}

/** Share of all cores busy over the next `ms` (the bench itself idle meanwhile); NaN off Linux. */
export async function cpuBusyShare(ms = 1_000): Promise<number> {
  const before = cpuTimes()
  await sleep(ms)
  const after = cpuTimes()
  if (before === undefined || after === undefined || after.total === before.total) return Number.NaN
  return (after.busy - before.busy) / (after.total - before.total)
}
