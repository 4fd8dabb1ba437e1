/**
 * The child of the crash test: writes numbered batches into the store at argv[2] as fast as
 * it can and says `wrote N` after each commit, until it is killed (SIGKILL, mid-batch).
 */
import { openSqliteStore } from '../sqlite-store'
import { runsPerBatch } from './crash-batch'

const dataDir = process.argv[2]
if (dataDir === undefined) throw new Error('usage: crash-writer <dataDir>')
const store = await openSqliteStore({ dataDir })
for (let batch = 1; ; batch += 1) {
  const runs = Array.from({ length: runsPerBatch }, (_, index) => ({
    id: `b${batch}-r${index}`,
    source: 'crash',
    workflowId: `wf-${index % 5}`,
    status: index % 7 === 0 ? ('failed' as const) : ('succeeded' as const),
    vendorStatus: 'x',
    startedAt: new Date(Date.UTC(2026, 0, 1) + batch * 60_000 + index).toISOString(),
    error: index % 7 === 0 ? 'e'.repeat(2000) : undefined,
  }))
  await store.write({
    source: 'crash',
    runs,
    cursor: { stream: 'main', value: { batch } },
    state: { batch },
  })
  process.stdout.write(`wrote ${batch}\n`)
}
