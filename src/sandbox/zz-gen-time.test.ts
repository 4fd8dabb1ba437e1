import { it } from 'vitest'
import { generateHistory } from '/work/main/src/sandbox/history'
import { createRunView } from '/work/main/src/sandbox/run-view'
it('times', () => {
  const t0 = performance.now()
  const data = generateHistory({ seed: 1, runs: 1_000_000, anchorMs: Date.parse('2026-11-20T12:00:00Z') })
  const t1 = performance.now()
  const view = createRunView(data.puq)
  const t2 = performance.now()
  for (let i = 0; i < 50; i++) view.query({ workflow: null, state: null }, 0, 100, Date.parse('2026-11-20T12:00:00Z') + i * 1000)
  const t3 = performance.now()
  console.log('gen', Math.round(t1 - t0), 'view', Math.round(t2 - t1), 'queries', Math.round(t3 - t2))
}, 120000)
