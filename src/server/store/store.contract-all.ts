/**
 * The store contract for the all-sources view (`GET /api/sources/all/…`): a read over several
 * sources is one history, in every order and with every filter, exact at every page size, and
 * never holds a source it was not asked for. Runs of different sources share ids and start
 * times here, so each tie is broken as the orders say (by id, then source, the same way).
 * Expected orders are written out by hand.
 */
import { describe, expect, it } from 'vitest'
import type { RunSort } from '../../shared/api-params'
import type { Run } from '../../shared/model'
import { minute, run, T0, useStores, type OpenStore } from './testing/contract-fixtures'
import type { RunFilter, RunStore } from './types'

const on = (source: string, id: string, minutes: number | undefined, fields: Partial<Run> = {}) =>
  run(id, minutes, { source, ...fields })

/**
 * s1/a and s2/a share an id, as do s1/c and s2/c (same start too) and the undated s1/u and
 * s2/u; s1/b and s2/a start in the same minute; the `c`s and s2/u are still running (no
 * duration). s3 is stored but never asked for, and matches the searches and windows the
 * tests use, so a read that leaks it fails.
 */
const fixture: Run[] = [
  on('s1', 'a', 1, { durationMs: 300 }),
  on('s1', 'b', 2, { durationMs: 100, status: 'failed', error: 'HTTP 502 from upstream' }),
  on('s1', 'c', 4, { status: 'running' }),
  on('s1', 'u', undefined, { durationMs: 50 }),
  on('s2', 'a', 2, { durationMs: 200 }),
  on('s2', 'c', 4, { status: 'running' }),
  on('s2', 'd', 3, { durationMs: 300, status: 'failed', error: 'Timeout calling Upstream' }),
  on('s2', 'e', 5, { durationMs: 100 }),
  on('s2', 'u', undefined, { status: 'running' }),
  on('s3', 'a3', 3, { durationMs: 10, status: 'failed', error: 'upstream down' }),
  on('s3', 'c', 4, { status: 'running' }),
]

const newestOfAll = ['s2/e', 's2/c', 's1/c', 's2/d', 's1/b', 's2/a', 's1/a', 's2/u', 's1/u']

const keys = (runs: readonly Run[]) => runs.map((r) => `${r.source}/${r.id}`)
const both: RunFilter = { sources: ['s1', 's2'] }

async function filled(fresh: () => Promise<RunStore>): Promise<RunStore> {
  const store = await fresh()
  for (const source of ['s1', 's2', 's3']) {
    await store.write({ source, runs: fixture.filter((r) => r.source === source) })
  }
  return store
}

/** Every page of `size` rows, read one after another, joined. */
async function paged(store: RunStore, filter: RunFilter, sort: RunSort, size: number) {
  const seen: string[] = []
  for (let offset = 0; offset < 12; offset += size) {
    seen.push(...keys((await store.listRuns(filter, { offset, limit: size, sort })).items))
  }
  return seen
}

export function describeAllSourcesContract(name: string, open: OpenStore): void {
  describe(`RunStore contract, all sources: ${name}`, () => {
    const fresh = useStores(open)

    it.each([
      ['-started', newestOfAll],
      ['started', ['s1/a', 's2/a', 's1/b', 's2/d', 's1/c', 's2/c', 's2/e', 's2/u', 's1/u']],
      ['-duration', ['s2/d', 's1/a', 's2/a', 's2/e', 's1/b', 's1/u', 's2/c', 's1/c', 's2/u']],
      ['duration', ['s1/u', 's1/b', 's2/e', 's2/a', 's1/a', 's2/d', 's2/c', 's1/c', 's2/u']],
    ] as const)(
      'sorts two sources by %s as one history, on every page size',
      async (sort, expected) => {
        const store = await filled(fresh)
        for (const size of [1, 2, 3, 9, 10]) {
          expect(await paged(store, both, sort, size)).toEqual(expected)
        }
        const page = await store.listRuns(both, { offset: 3, limit: 2, sort })
        expect(page.total).toBe(9)
        expect(page.counts).toMatchObject({ succeeded: 4, failed: 2, running: 3, pending: 0 })
      },
    )

    // Each: the filter, then its runs newest first, oldest first, and by duration ascending.
    it.each([
      [
        'a status list',
        { status: ['failed', 'running'] },
        ['s2/c', 's1/c', 's2/d', 's1/b', 's2/u'],
        ['s1/b', 's2/d', 's1/c', 's2/c', 's2/u'],
        ['s1/b', 's2/d', 's2/c', 's1/c', 's2/u'],
      ],
      [
        'a window',
        { fromMs: T0 + 2 * minute, toMs: T0 + 4.5 * minute },
        ['s2/c', 's1/c', 's2/d', 's1/b', 's2/a'],
        ['s2/a', 's1/b', 's2/d', 's1/c', 's2/c'],
        ['s1/b', 's2/a', 's2/d', 's2/c', 's1/c'],
      ],
      [
        'an open-ended window',
        { fromMs: T0 + 3 * minute },
        ['s2/e', 's2/c', 's1/c', 's2/d'],
        ['s2/d', 's1/c', 's2/c', 's2/e'],
        ['s2/e', 's2/d', 's2/c', 's1/c'],
      ],
      [
        'words of the error, any case',
        { q: 'UPSTREAM' },
        ['s2/d', 's1/b'],
        ['s1/b', 's2/d'],
        ['s1/b', 's2/d'],
      ],
      ['an id two sources share', { q: 'a' }, ['s2/a', 's1/a'], ['s1/a', 's2/a'], ['s2/a', 's1/a']],
      ['an undated shared id', { q: 'u' }, ['s2/u', 's1/u'], ['s2/u', 's1/u'], ['s1/u', 's2/u']],
      [
        'a shared id, no duration',
        { q: 'c' },
        ['s2/c', 's1/c'],
        ['s1/c', 's2/c'],
        ['s2/c', 's1/c'],
      ],
      [
        'a search, a status and a window',
        { q: 'upstream', status: ['failed'], fromMs: T0 + 3 * minute },
        ['s2/d'],
        ['s2/d'],
        ['s2/d'],
      ],
      ['a failure group of no run', { failure: 'v1:0000000000000000' }, [], [], []],
    ] as const)(
      'narrows two sources by %s, in each order, with its exact total',
      async (_, narrowing, newest, oldest, shortest) => {
        const store = await filled(fresh)
        const filter: RunFilter = { ...both, ...narrowing }
        expect(await paged(store, filter, '-started', 2)).toEqual(newest)
        expect(await paged(store, filter, 'started', 3)).toEqual(oldest)
        expect(await paged(store, filter, 'duration', 1)).toEqual(shortest)
        const head = await store.listRuns(filter, { offset: 0, limit: 0 })
        expect(head.total).toBe(newest.length)
      },
    )

    it("finds a failure group's runs across sources by its fingerprint alone", async () => {
      const store = await filled(fresh)
      const { groups } = await store.failureGroups({ ...both, fromMs: T0, toMs: T0 + 60 * minute })
      // One group per source's cause; s3's cause is not asked for.
      expect(groups.map((g) => [g.source, g.count]).sort()).toEqual([
        ['s1', 1],
        ['s2', 1],
      ])
      const group = groups.find((g) => g.source === 's2')
      const page = await store.listRuns(
        { ...both, failure: group?.fingerprint },
        { offset: 0, limit: 10 },
      )
      expect(keys(page.items)).toEqual(['s2/d'])
      expect(page.total).toBe(1)
    })

    it('counts slots, undated runs and all-time totals over the sources asked for', async () => {
      const store = await filled(fresh)
      const slots = await store.slotCounts({ ...both, fromMs: T0, toMs: T0 + 60 * minute }, 900_000)
      expect(slots).toEqual([
        { slotStartMs: T0, status: 'failed', count: 2 },
        { slotStartMs: T0, status: 'running', count: 2 },
        { slotStartMs: T0, status: 'succeeded', count: 3 },
      ])
      expect(await store.countUndated(both)).toBe(2)
      expect(await store.countUndated({ ...both, status: ['running'] })).toBe(1)
    })

    it.each([1, 2, 4])(
      'exports two sources newest first in chunks of %i, ties and undated runs in order',
      async (chunkSize) => {
        const store = await filled(fresh)
        const seen: string[] = []
        for await (const chunk of store.iterateRuns(both, chunkSize)) seen.push(...keys(chunk))
        expect(seen).toEqual(newestOfAll)
        const found: string[] = []
        for await (const chunk of store.iterateRuns({ ...both, q: 'upstream' }, chunkSize)) {
          found.push(...keys(chunk))
        }
        expect(found).toEqual(['s2/d', 's1/b'])
      },
    )
  })
}
