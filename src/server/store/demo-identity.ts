/**
 * The sandbox's history is a function of its seed, size and anchor instant; a demo store must
 * never mix two of them (run ids would collide, counts would add up wrongly). The identity is
 * kept in the store's meta table and the demo sources are emptied when it changes.
 */
import type { RunStore } from './types'

const demoIdentityKey = 'demo_identity'

export async function forgetOtherDemoHistory(
  store: RunStore,
  demoSources: readonly string[],
  history: { seed: number; runs: number; anchorMs: number },
): Promise<void> {
  const identity = `${history.seed}:${history.runs}:${history.anchorMs}`
  if ((await store.getMeta(demoIdentityKey)) === identity) return
  for (const source of demoSources) await store.clear(source)
  await store.setMeta(demoIdentityKey, identity)
}
