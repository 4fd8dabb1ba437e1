/**
 * The contract every `RunStore` passes, SQLite and PostgreSQL alike: upserts, paging, filters,
 * counts and steps here; time slots, percentiles and the sync's side in
 * `store.contract-sync.ts`. Expected values are literals worked out by hand from the fixtures,
 * never read back from the store.
 */
import { describe, expect, it } from 'vitest'
import {
  at,
  day,
  ids,
  minute,
  run,
  T0,
  useStores,
  type OpenStore,
} from './testing/contract-fixtures'
import { describeAllSourcesContract } from './store.contract-all'
import { describeExploreContract, describeExportContract } from './store.contract-explore'
import { describeSearchContract } from './store.contract-search'
import { describeSyncContract } from './store.contract-sync'

export type { OpenStore }

export function describeStoreContract(name: string, open: OpenStore): void {
  describe(`RunStore contract: ${name}`, () => {
    const fresh = useStores(open)

    it('upserts by (source, id): a re-read run replaces what was stored', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        runs: [run('r1', 10, { status: 'running', vendorStatus: 'RUNNING' })],
      })
      await store.write({
        source: 's1',
        runs: [
          run('r1', 10, {
            status: 'failed',
            vendorStatus: 'ERROR',
            error: 'boom',
            finishedAt: at(12),
            durationMs: 120_000,
          }),
        ],
      })
      const page = await store.listRuns({ sources: ['s1'] }, { offset: 0, limit: 10 })
      expect(page.total).toBe(1)
      expect(page.counts).toMatchObject({ running: 0, failed: 1 })
      expect(page.items).toEqual([
        {
          id: 'r1',
          source: 's1',
          workflowId: 'wf-a',
          status: 'failed',
          vendorStatus: 'ERROR',
          startedAt: '2026-01-10T00:10:00.000Z',
          finishedAt: '2026-01-10T00:12:00.000Z',
          durationMs: 120000,
          error: 'boom',
        },
      ])
      expect(await store.summary('s1')).toEqual({ runs: 1, oldestMs: T0 + 10 * minute })
    })

    it('lists newest first, ties by id descending, undated runs last', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        runs: [
          run('a', 1),
          run('b', 2),
          run('c', 2),
          run('u1', undefined),
          run('u2', undefined),
          run('created-only', undefined, { createdAt: at(3) }),
        ],
      })
      const page = await store.listRuns({ sources: ['s1'] }, { offset: 0, limit: 10 })
      expect(ids(page.items)).toEqual(['created-only', 'c', 'b', 'a', 'u2', 'u1'])
      expect(page.total).toBe(6)
      const tail = await store.listRuns({ sources: ['s1'] }, { offset: 3, limit: 2 })
      expect(ids(tail.items)).toEqual(['a', 'u2'])
      const undatedOnly = await store.listRuns({ sources: ['s1'] }, { offset: 5, limit: 5 })
      expect(ids(undatedOnly.items)).toEqual(['u1'])
      expect(await store.countUndated({ sources: ['s1'] })).toBe(2)
    })

    it('pages by offset and limit, at any depth, across days', async () => {
      const store = await fresh()
      // 300 runs 37 minutes apart: about 7.7 days; run i is the i-th oldest.
      const runs = Array.from({ length: 300 }, (_, i) =>
        run(`r${String(i).padStart(3, '0')}`, i * 37, {
          status: i % 10 === 0 ? 'failed' : 'succeeded',
        }),
      )
      await store.write({ source: 's1', runs })
      const page = await store.listRuns({ sources: ['s1'] }, { offset: 150, limit: 3 })
      expect(ids(page.items)).toEqual(['r149', 'r148', 'r147'])
      const last = await store.listRuns({ sources: ['s1'] }, { offset: 298, limit: 5 })
      expect(ids(last.items)).toEqual(['r001', 'r000'])
      const past = await store.listRuns({ sources: ['s1'] }, { offset: 300, limit: 5 })
      expect(past.items).toEqual([])
      expect(past.total).toBe(300)
      const failed = await store.listRuns(
        { sources: ['s1'], status: ['failed'] },
        { offset: 10, limit: 3 },
      )
      expect(ids(failed.items)).toEqual(['r190', 'r180', 'r170'])
      expect(failed.total).toBe(30)
      expect(failed.counts).toMatchObject({ failed: 30, succeeded: 270 })
      const none = await store.listRuns({ sources: ['s1'] }, { offset: 0, limit: 0 })
      expect(none.items).toEqual([])
      expect(none.total).toBe(300)
    })

    it('pages a dense history exactly: two sources, a window cut mid-minute, past midnight', async () => {
      const store = await fresh()
      // Run i starts at minute 600 + i (10:00 on day one to 05:59 on day two), one a minute:
      // hundreds in each day and dozens in each 15-minute slot. Even i on s1, odd on s2; every
      // i % 4 === 3 failed; every i % 3 === 0 on workflow wf-b.
      const dense = (i: number) =>
        run(`d${String(i).padStart(4, '0')}`, 600 + i, {
          source: i % 2 === 0 ? 's1' : 's2',
          status: i % 4 === 3 ? 'failed' : 'succeeded',
          workflowId: i % 3 === 0 ? 'wf-b' : 'wf-a',
        })
      const all = Array.from({ length: 1200 }, (_, i) => dense(i))
      await store.write({ source: 's1', runs: all.filter((r) => r.source === 's1') })
      await store.write({ source: 's2', runs: all.filter((r) => r.source === 's2') })
      const both = ['s1', 's2']
      // Runs 101..1000 (900 of them) start inside this window.
      const window = { fromMs: T0 + 700.5 * minute, toMs: T0 + 1600.5 * minute }
      const page = (filter: object, offset: number, limit: number) =>
        store.listRuns({ sources: both, ...filter }, { offset, limit })
      const first = await page(window, 0, 3)
      expect(first.total).toBe(900)
      expect(ids(first.items)).toEqual(['d1000', 'd0999', 'd0998'])
      expect(ids((await page(window, 450, 3)).items)).toEqual(['d0550', 'd0549', 'd0548'])
      expect(ids((await page(window, 700, 3)).items)).toEqual(['d0300', 'd0299', 'd0298'])
      expect(ids((await page(window, 898, 5)).items)).toEqual(['d0102', 'd0101'])
      // Failed in the window: 103, 107, …, 999 (225 runs).
      const failed = await page({ ...window, status: ['failed'] }, 200, 2)
      expect(failed.total).toBe(225)
      expect(ids(failed.items)).toEqual(['d0199', 'd0195'])
      const s1 = await store.listRuns({ sources: ['s1'] }, { offset: 300, limit: 2 })
      expect(s1.total).toBe(600)
      expect(ids(s1.items)).toEqual(['d0598', 'd0596'])
      expect(
        ids((await store.listRuns({ sources: ['s1'] }, { offset: 599, limit: 2 })).items),
      ).toEqual(['d0000'])
      // wf-b: 0, 3, …, 1197 (400 runs), near its newest end and near its oldest.
      const wfNew = await page({ workflow: 'wf-b' }, 10, 3)
      expect(wfNew.total).toBe(400)
      expect(ids(wfNew.items)).toEqual(['d1167', 'd1164', 'd1161'])
      expect(ids((await page({ workflow: 'wf-b' }, 390, 3)).items)).toEqual([
        'd0027',
        'd0024',
        'd0021',
      ])
      expect(ids((await page({ workflow: 'wf-b' }, 398, 5)).items)).toEqual(['d0003', 'd0000'])
    })

    it('filters by workflow, status list, window and sources, alone and together', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        runs: [
          run('a1', 10, { workflowId: 'wf-a', status: 'succeeded' }),
          run('a2', 20, { workflowId: 'wf-a', status: 'failed' }),
          run('a3', day / minute + 30, { workflowId: 'wf-a', status: 'running' }),
          run('b1', 15, { workflowId: 'wf-b', status: 'failed' }),
          run('b2', (2 * day) / minute + 5, { workflowId: 'wf-b', status: 'succeeded' }),
        ],
      })
      await store.write({
        source: 's2',
        runs: [run('x1', 25, { source: 's2', workflowId: 'wf-a', status: 'failed' })],
      })

      const wf = await store.listRuns(
        { sources: ['s1'], workflow: 'wf-a' },
        { offset: 0, limit: 10 },
      )
      expect(ids(wf.items)).toEqual(['a3', 'a2', 'a1'])
      expect(wf.counts).toMatchObject({ succeeded: 1, failed: 1, running: 1, pending: 0 })

      const statuses = await store.listRuns(
        { sources: ['s1'], status: ['failed', 'running'] },
        { offset: 0, limit: 10 },
      )
      expect(ids(statuses.items)).toEqual(['a3', 'a2', 'b1'])
      expect(statuses.total).toBe(3)
      // Counts ignore the status part of the filter: the status menu shows every status.
      expect(statuses.counts).toMatchObject({ succeeded: 2, failed: 2, running: 1 })

      const window = { fromMs: T0 + 12 * minute, toMs: T0 + day + 31 * minute }
      const windowed = await store.listRuns(
        { sources: ['s1'], ...window },
        { offset: 0, limit: 10 },
      )
      expect(ids(windowed.items)).toEqual(['a3', 'a2', 'b1'])
      expect(windowed.total).toBe(3)
      expect(windowed.counts).toMatchObject({ succeeded: 0, failed: 2, running: 1 })

      const fromOnly = await store.listRuns(
        { sources: ['s1'], fromMs: T0 + day },
        { offset: 0, limit: 10 },
      )
      expect(ids(fromOnly.items)).toEqual(['b2', 'a3'])
      const toOnly = await store.listRuns(
        { sources: ['s1'], toMs: T0 + 15 * minute },
        { offset: 0, limit: 10 },
      )
      expect(ids(toOnly.items)).toEqual(['a1'])

      const both = await store.listRuns({ sources: ['s1', 's2'] }, { offset: 0, limit: 3 })
      expect(both.items.map((r) => `${r.source}/${r.id}`)).toEqual(['s1/b2', 's1/a3', 's2/x1'])
      expect(both.total).toBe(6)

      const combined = await store.listRuns(
        { sources: ['s1', 's2'], workflow: 'wf-a', status: ['failed'], ...window },
        { offset: 0, limit: 10 },
      )
      expect(combined.items.map((r) => `${r.source}/${r.id}`)).toEqual(['s2/x1', 's1/a2'])
      expect(combined.total).toBe(2)
      expect(combined.counts).toMatchObject({ failed: 2, running: 1, succeeded: 0 })

      const nothing = await store.listRuns({ sources: ['nope'] }, { offset: 0, limit: 10 })
      expect(nothing.total).toBe(0)
      expect(nothing.items).toEqual([])
    })

    it('reads a run with and without its steps; a status change drops stale steps', async () => {
      const store = await fresh()
      const step = {
        id: 'st1',
        name: 'Fetch',
        kind: 'action' as const,
        status: 'failed' as const,
        vendorStatus: 'ERROR',
        attempt: 2,
        error: 'timeout',
      }
      await store.write({ source: 's1', runs: [run('r1', 5, { status: 'failed' }), run('r2', 6)] })
      await store.write({
        source: 's1',
        steps: [
          { runId: 'r1', steps: [step] },
          { runId: 'missing', steps: [] },
        ],
      })
      const { fingerprint, ...detail } = (await store.getRun('s1', 'r1')) ?? {}
      // A failed run's group, the key of `runs?failure=`.
      expect(fingerprint).toMatch(/^v1:[0-9a-f]{16}$/)
      expect(detail).toEqual({
        run: {
          id: 'r1',
          source: 's1',
          workflowId: 'wf-a',
          status: 'failed',
          vendorStatus: 'SUCCESS',
          startedAt: '2026-01-10T00:05:00.000Z',
        },
        steps: [step],
      })
      expect((await store.getRun('s1', 'r2'))?.fingerprint).toBeUndefined()
      expect((await store.getRun('s1', 'r2'))?.steps).toBeNull()
      expect(await store.getRun('s1', 'missing')).toBeUndefined()
      expect(await store.getRun('s2', 'r1')).toBeUndefined()
      // Same status re-read: steps stay. Another status: they described a state that is gone.
      await store.write({ source: 's1', runs: [run('r1', 5, { status: 'failed' })] })
      expect((await store.getRun('s1', 'r1'))?.steps).toEqual([step])
      await store.write({ source: 's1', runs: [run('r1', 5, { status: 'succeeded' })] })
      expect((await store.getRun('s1', 'r1'))?.steps).toBeNull()
      await store.write({
        source: 's1',
        runs: [run('r1', 5, { status: 'failed' })],
        steps: [{ runId: 'r1', steps: [] }],
      })
      expect((await store.getRun('s1', 'r1'))?.steps).toEqual([])
    })

    it("keeps what a run's detail told (failed step, error) through a later listing of it", async () => {
      const store = await fresh()
      const detailed = run('r1', 5, {
        status: 'failed',
        failedStep: 'classify',
        error: 'HTTP 429 Too Many Requests',
      })
      await store.write({ source: 's1', runs: [detailed], steps: [{ runId: 'r1', steps: [] }] })
      // The next listing of the same failed run carries neither.
      await store.write({ source: 's1', runs: [run('r1', 5, { status: 'failed' })] })
      const listed = await store.listRuns({ sources: ['s1'] }, { offset: 0, limit: 10 })
      expect(listed.items[0]).toMatchObject({
        failedStep: 'classify',
        error: 'HTTP 429 Too Many Requests',
      })
      // A run listed again with another status is another state: the old cause goes.
      await store.write({ source: 's1', runs: [run('r1', 5, { status: 'succeeded' })] })
      const after = await store.getRun('s1', 'r1')
      expect(after?.run.failedStep).toBeUndefined()
      expect(after?.run.error).toBeUndefined()
    })
  })
  describeSyncContract(name, open)
  describeExploreContract(name, open)
  describeExportContract(name, open)
  describeSearchContract(name, open)
  describeAllSourcesContract(name, open)
}
