/**
 * The store contract, second half: time slots and percentiles, then what the sync relies on:
 * workflows, activity, detail and active queues, cursors and state stored with their batch (or
 * not at all), clear, meta, iteration, and odd text surviving the round trip.
 */
import { describe, expect, it } from 'vitest'
import type { Run } from '../../shared/model'
import {
  at,
  day,
  hour,
  ids,
  minute,
  run,
  T0,
  useStores,
  type OpenStore,
} from './testing/contract-fixtures'

export function describeSyncContract(name: string, open: OpenStore): void {
  describe(`RunStore contract, stats and sync: ${name}`, () => {
    const fresh = useStores(open)

    it('counts per hour and per 15-minute slot, edges of the window exact', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        runs: [
          run('a', 5),
          run('b', 14, { status: 'failed' }),
          run('c', 16),
          run('d', 59),
          run('e', 61, { status: 'failed' }),
          run('f', 130),
          run('g', 130, { workflowId: 'wf-b' }),
          run('u', undefined),
        ],
      })
      const hourly = await store.slotCounts(
        { sources: ['s1'], fromMs: T0, toMs: T0 + 3 * hour },
        hour,
      )
      expect(hourly).toEqual([
        { slotStartMs: T0, status: 'failed', count: 1 },
        { slotStartMs: T0, status: 'succeeded', count: 3 },
        { slotStartMs: T0 + hour, status: 'failed', count: 1 },
        { slotStartMs: T0 + 2 * hour, status: 'succeeded', count: 2 },
      ])
      // A window from minute 10 to 125 cuts a slot at each end.
      const quarters = await store.slotCounts(
        { sources: ['s1'], fromMs: T0 + 10 * minute, toMs: T0 + 125 * minute },
        15 * minute,
      )
      expect(quarters).toEqual([
        { slotStartMs: T0, status: 'failed', count: 1 },
        { slotStartMs: T0 + 15 * minute, status: 'succeeded', count: 1 },
        { slotStartMs: T0 + 45 * minute, status: 'succeeded', count: 1 },
        { slotStartMs: T0 + 60 * minute, status: 'failed', count: 1 },
      ])
      const workflow = await store.slotCounts(
        { sources: ['s1'], workflow: 'wf-b', fromMs: T0, toMs: T0 + day },
        hour,
      )
      expect(workflow).toEqual([{ slotStartMs: T0 + 2 * hour, status: 'succeeded', count: 1 }])
      const failedOnly = await store.slotCounts(
        { sources: ['s1'], status: ['failed'], fromMs: T0, toMs: T0 + day },
        hour,
      )
      expect(failedOnly).toEqual([
        { slotStartMs: T0, status: 'failed', count: 1 },
        { slotStartMs: T0 + hour, status: 'failed', count: 1 },
      ])
    })

    it('gives p50 and p95 by nearest rank over finished runs', async () => {
      const store = await fresh()
      // Durations 100..1000 ms (one per 2 hours, across two days), plus two that do not count.
      const runs = [700, 100, 1000, 300, 900, 200, 500, 800, 400, 600].map((ms, i) =>
        run(`d${i}`, i * 240 + 30, { durationMs: ms, finishedAt: at(i * 240 + 31) }),
      )
      runs.push(run('unfinished', 50, { durationMs: 5, status: 'running' }))
      runs.push(run('other-wf', 60, { durationMs: 99_999, finishedAt: at(61), workflowId: 'wf-b' }))
      await store.write({ source: 's1', runs })
      // n = 10 in wf-a: p50 is rank 5 (500), p95 rank 10 (1000).
      expect(await store.durations({ sources: ['s1'], workflow: 'wf-a' })).toEqual({
        p50Ms: 500,
        p95Ms: 1000,
        sampleSize: 10,
      })
      // n = 11 with wf-b: p50 rank 6 (600), p95 rank 11 (99999).
      expect(await store.durations({ sources: ['s1'] })).toEqual({
        p50Ms: 600,
        p95Ms: 99999,
        sampleSize: 11,
      })
      // Window from minute 500 to 2000 (cuts both days): d2..d8 = 1000,300,900,200,500,800,400.
      const window = { fromMs: T0 + 500 * minute, toMs: T0 + 2000 * minute }
      // Sorted 200,300,400,500,800,900,1000: p50 rank 4 (500), p95 rank 7 (1000).
      expect(await store.durations({ sources: ['s1'], ...window })).toEqual({
        p50Ms: 500,
        p95Ms: 1000,
        sampleSize: 7,
      })
      expect(await store.durations({ sources: ['s1'], workflow: 'wf-a', ...window })).toEqual({
        p50Ms: 500,
        p95Ms: 1000,
        sampleSize: 7,
      })
      expect(await store.durations({ sources: ['s1'], status: ['failed'] })).toBeUndefined()
    })

    it('replaces workflows and keeps their order; says what each workflow holds', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        workflows: [
          { id: 'z', name: 'Zed' },
          { id: 'a', name: 'Ay', enabled: false },
        ],
      })
      await store.write({
        source: 's1',
        workflows: [
          { id: 'z', name: 'Zed 2', description: 'd' },
          { id: 'm', name: 'Em' },
          { id: 'a', name: 'Ay' },
        ],
      })
      expect(await store.workflows('s1')).toEqual([
        { id: 'z', name: 'Zed 2', description: 'd' },
        { id: 'm', name: 'Em' },
        { id: 'a', name: 'Ay' },
      ])
      expect(await store.workflows('s2')).toEqual([])
      await store.write({
        source: 's1',
        runs: [
          run('a1', 10, { workflowId: 'a' }),
          run('a2', 40, { workflowId: 'a', status: 'running' }),
          run('a3', 30, { workflowId: 'a', status: 'pending' }),
          run('z1', 20, { workflowId: 'z' }),
        ],
      })
      expect(await store.workflowActivity('s1')).toEqual([
        { workflowId: 'a', runs: 3, newestMs: T0 + 40 * minute, oldestActiveMs: T0 + 30 * minute },
        { workflowId: 'z', runs: 1, newestMs: T0 + 20 * minute, oldestActiveMs: null },
      ])
    })

    it('finds runs without detail, active runs and the summary', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        runs: [
          run('f1', 10, { status: 'failed' }),
          run('f2', 20, { status: 'failed' }),
          run('f3', 30, { status: 'failed' }),
          run('p1', 5, { status: 'pending' }),
          run('r1', 15, { status: 'running' }),
          run('h1', 25, { status: 'paused' }),
          run('ok', 1),
        ],
        steps: [{ runId: 'f2', steps: [] }],
      })
      expect(ids(await store.runsWithoutDetail('s1', ['failed'], 10))).toEqual(['f3', 'f1'])
      expect(ids(await store.runsWithoutDetail('s1', ['failed'], 1))).toEqual(['f3'])
      // Since minute 15: f1 (minute 10) and ok (minute 1) are older, f2's detail is read.
      expect(
        ids(await store.runsWithoutDetail('s1', ['failed', 'succeeded'], 10, T0 + 15 * minute)),
      ).toEqual(['f3'])
      expect(ids(await store.runsWithoutDetail('s1', ['succeeded'], 10, T0))).toEqual(['ok'])
      expect(ids(await store.activeRuns('s1', 10))).toEqual(['p1', 'r1', 'h1'])
      expect(ids(await store.activeRuns('s1', 2))).toEqual(['p1', 'r1'])
      expect(await store.summary('s1')).toEqual({ runs: 7, oldestMs: T0 + minute })
      expect(await store.summary('s2')).toEqual({ runs: 0, oldestMs: null })
    })

    it('stores cursors and state with their batch, and a failing batch leaves nothing', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        runs: [run('r1', 1)],
        cursor: { stream: 'wf-a', value: { page: 1 } },
        state: { phase: 'backfill' },
      })
      await store.write({
        source: 's1',
        cursor: { stream: 'wf-b', value: { page: 7, done: true } },
      })
      expect(await store.cursors('s1')).toEqual(
        new Map<string, unknown>([
          ['wf-a', { page: 1 }],
          ['wf-b', { page: 7, done: true }],
        ]),
      )
      expect(await store.syncState('s1')).toEqual({ phase: 'backfill' })
      expect(await store.syncState('s2')).toBeUndefined()
      const broken = { ...run('r3', 3), workflowId: undefined } as unknown as Run
      await expect(
        store.write({
          source: 's1',
          runs: [run('r2', 2), broken],
          workflows: [{ id: 'w', name: 'W' }],
          cursor: { stream: 'wf-a', value: { page: 2 } },
          state: { phase: 'live' },
        }),
      ).rejects.toThrow()
      expect(
        ids((await store.listRuns({ sources: ['s1'] }, { offset: 0, limit: 10 })).items),
      ).toEqual(['r1'])
      expect((await store.cursors('s1')).get('wf-a')).toEqual({ page: 1 })
      expect(await store.syncState('s1')).toEqual({ phase: 'backfill' })
      expect(await store.workflows('s1')).toEqual([])
      expect(await store.summary('s1')).toEqual({ runs: 1, oldestMs: T0 + minute })
    })

    it('clears every source but keeps meta', async () => {
      const store = await fresh()
      await store.setMeta('demo', 'seed-1')
      await store.setMeta('demo', 'seed-2')
      expect(await store.getMeta('demo')).toBe('seed-2')
      expect(await store.getMeta('absent')).toBeUndefined()
      await store.write({
        source: 's1',
        runs: [run('r1', 1)],
        workflows: [{ id: 'w', name: 'W' }],
        cursor: { stream: 'x', value: {} },
        state: {},
      })
      await store.write({ source: 's2', runs: [run('r1', 1, { source: 's2' })] })
      await store.clear()
      expect(
        (await store.listRuns({ sources: ['s1', 's2'] }, { offset: 0, limit: 10 })).total,
      ).toBe(0)
      expect(await store.workflows('s1')).toEqual([])
      expect(await store.cursors('s1')).toEqual(new Map())
      expect(await store.syncState('s1')).toBeUndefined()
      expect(await store.summary('s1')).toEqual({ runs: 0, oldestMs: null })
      expect(await store.getMeta('demo')).toBe('seed-2')
      await store.write({ source: 's1', runs: [run('r1', 1)] })
      expect(await store.summary('s1')).toEqual({ runs: 1, oldestMs: T0 + minute })
    })

    it('iterates every match in order, in chunks', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        runs: [
          run('a', 1),
          run('b', 2),
          run('c', 2),
          run('d', 3, { status: 'failed' }),
          run('u1', undefined),
          run('u2', undefined),
        ],
      })
      await store.write({ source: 's2', runs: [run('c', 2, { source: 's2' })] })
      const chunks: string[][] = []
      for await (const chunk of store.iterateRuns({ sources: ['s1', 's2'] }, 2)) {
        chunks.push(chunk.map((r) => `${r.source}/${r.id}`))
      }
      expect(chunks).toEqual([['s1/d', 's2/c'], ['s1/c', 's1/b'], ['s1/a'], ['s1/u2', 's1/u1']])
      const failed: string[] = []
      for await (const chunk of store.iterateRuns({ sources: ['s1'], status: ['failed'] }))
        failed.push(...ids(chunk))
      expect(failed).toEqual(['d'])
    })

    it('keeps odd text intact', async () => {
      const store = await fresh()
      const odd = `it's "quoted" <b>bold</b> & \\ ; DROP TABLE runs; -- 🚀 ünïcødé ?`
      const long = 'x'.repeat(10_000) + '🔥'
      await store.write({
        source: "s'1",
        runs: [
          run('odd?id', 1, {
            source: "s'1",
            workflowId: "wf'<x>",
            workflowName: odd,
            error: long,
            failedStep: odd,
            trigger: odd,
            version: '1.0',
          }),
        ],
        workflows: [{ id: "wf'<x>", name: odd }],
        state: { message: odd },
      })
      const detail = await store.getRun("s'1", 'odd?id')
      expect(detail?.run).toMatchObject({
        workflowName: odd,
        error: long,
        failedStep: odd,
        trigger: odd,
        workflowId: "wf'<x>",
      })
      expect(await store.workflows("s'1")).toEqual([{ id: "wf'<x>", name: odd }])
      expect(await store.syncState("s'1")).toEqual({ message: odd })
      const page = await store.listRuns(
        { sources: ["s'1"], workflow: "wf'<x>" },
        { offset: 0, limit: 1 },
      )
      expect(page.items[0]?.error).toBe(long)
    })
  })
}
