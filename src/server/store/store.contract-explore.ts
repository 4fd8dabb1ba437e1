/**
 * The store contract, exploring a history: open-ended and long windows, and the listing's
 * sort orders (start time either way, duration either way with unknown durations last) at
 * every page boundary, alone and with each filter. Expected orders are written out by hand.
 */
import { describe, expect, it } from 'vitest'
import type { RunSort } from '../../shared/api-params'
import { day, ids, run, T0, useStores, type OpenStore } from './testing/contract-fixtures'
import type { RunFilter, RunStore } from './types'

/**
 * a..f in start order; `e` undated; `d` still running (no duration); `a`/`c` and `b`/`f` tie
 * on duration; `f` is another workflow; `b`, `c` failed.
 */
const fixture = [
  run('a', 1, { durationMs: 300 }),
  run('b', 2, { durationMs: 100, status: 'failed' }),
  run('c', 3, { durationMs: 300, status: 'failed' }),
  run('d', 4, { status: 'running' }),
  run('e', undefined, { durationMs: 50 }),
  run('f', 5, { durationMs: 100, workflowId: 'wf-b' }),
]

/** Every page of `size` rows, read one after another, joined. */
async function paged(store: RunStore, filter: RunFilter, sort: RunSort, size: number) {
  const seen: string[] = []
  for (let offset = 0; offset < 20; offset += size) {
    const page = await store.listRuns(filter, { offset, limit: size, sort })
    seen.push(...ids(page.items))
  }
  return seen
}

export function describeExploreContract(name: string, open: OpenStore): void {
  describe(`RunStore contract, exploring: ${name}`, () => {
    const fresh = useStores(open)
    const all: RunFilter = { sources: ['s1'] }

    it.each([
      ['-started', ['f', 'd', 'c', 'b', 'a', 'e']],
      ['started', ['a', 'b', 'c', 'd', 'f', 'e']],
      ['-duration', ['c', 'a', 'f', 'b', 'e', 'd']],
      ['duration', ['e', 'b', 'f', 'a', 'c', 'd']],
    ] as const)('sorts by %s, the same on every page size', async (sort, expected) => {
      const store = await fresh()
      await store.write({ source: 's1', runs: fixture })
      for (const size of [1, 2, 4, 6, 10]) {
        expect(await paged(store, all, sort, size)).toEqual(expected)
      }
      const page = await store.listRuns(all, { offset: 2, limit: 2, sort })
      expect(page.total).toBe(6)
      expect(page.counts).toMatchObject({ succeeded: 3, failed: 2, running: 1 })
    })

    it.each([
      ['a status', { status: ['failed', 'running'] }, ['c', 'b', 'd'], ['b', 'c', 'd']],
      ['a workflow', { workflow: 'wf-a' }, ['c', 'a', 'b', 'e', 'd'], ['a', 'b', 'c', 'd', 'e']],
      [
        'a window',
        { fromMs: T0 + 2 * 60_000, toMs: T0 + 5 * 60_000 },
        ['c', 'b', 'd'],
        ['b', 'c', 'd'],
      ],
      ['an open-ended window', { fromMs: T0 + 3 * 60_000 }, ['c', 'f', 'd'], ['c', 'd', 'f']],
    ] as const)(
      'sorts within %s, with its exact total',
      async (_, narrowing, byDuration, oldestFirst) => {
        const store = await fresh()
        await store.write({ source: 's1', runs: fixture })
        const filter: RunFilter = { ...all, ...narrowing }
        expect(await paged(store, filter, '-duration', 2)).toEqual(byDuration)
        expect(await paged(store, filter, 'started', 2)).toEqual(oldestFirst)
        const page = await store.listRuns(filter, { offset: 0, limit: 1, sort: 'duration' })
        expect(page.total).toBe(byDuration.length)
      },
    )

    it('pages oldest first over months of runs exactly as newest first reversed', async () => {
      const store = await fresh()
      // 400 runs, one every 7 hours (some days hold 3, some 4), durations 0..12 s repeating.
      const runs = Array.from({ length: 400 }, (_, i) =>
        run(`r${String(i).padStart(3, '0')}`, i * 7 * 60, { durationMs: (i % 13) * 1000 }),
      )
      await store.write({ source: 's1', runs })
      const newest = ids(runs).reverse()
      expect(await paged400(store, all, 'started')).toEqual(ids(runs))
      expect(await paged400(store, all, '-started')).toEqual(newest)
      const window: RunFilter = { ...all, fromMs: T0 + 10 * day, toMs: T0 + 40 * day }
      const inWindow = await store.listRuns(window, { offset: 0, limit: 200, sort: 'started' })
      // Runs i with 10 days <= 7i hours < 40 days: i from 35 (245 h) to 137 (959 h).
      expect(inWindow.total).toBe(103)
      expect(inWindow.items[0]?.id).toBe('r035')
      expect(inWindow.items.at(-1)?.id).toBe('r137')
      const slowest = await store.listRuns(all, { offset: 0, limit: 3, sort: '-duration' })
      // Durations of 12 s are the runs i = 12 + 13k: the highest ids are 389, 376, 363.
      expect(ids(slowest.items)).toEqual(['r389', 'r376', 'r363'])
      expect(slowest.items[0]?.durationMs).toBe(12_000)
    })
  })
}

/** Pages of 37 over the 400-run fixture: boundaries fall inside days and slots. */
async function paged400(store: RunStore, filter: RunFilter, sort: RunSort) {
  const seen: string[] = []
  for (let offset = 0; offset < 400; offset += 37) {
    seen.push(...ids((await store.listRuns(filter, { offset, limit: 37, sort })).items))
  }
  return seen
}
