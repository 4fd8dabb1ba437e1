/**
 * The store contract, exploring a history: open-ended and long windows, and the listing's
 * sort orders (start time either way, duration either way with unknown durations last) at
 * every page boundary, alone and with each filter. Expected orders are written out by hand.
 */
import { describe, expect, it } from 'vitest'
import type { RunSort } from '../../shared/api-params'
import { runSchema } from '../../shared/model'
import { exportStream } from '../export/export-stream'
import { csvObjects } from '../testing/csv-parse'
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

const tenKb = 'a,"b"\n<i>c</i>\r\n'.repeat(700).slice(0, 10_240)
const oddErrors = [
  'He said "no", then left',
  '<script>alert("x")</script> &amp; <b>bold</b>',
  'line one\nline two\r\nline three',
  tenKb,
  '=HYPERLINK("http://evil.example","click")',
  '-1+2',
  '@SUM(A1:A9)',
  'Ünïcødé ✓ 漢字, tab\there',
]

async function exported(store: RunStore, format: 'csv' | 'ndjson'): Promise<string> {
  let text = ''
  for await (const part of exportStream(store.iterateRuns({ sources: ['s1'] }, 3), format)) {
    text += String(part)
  }
  return text
}

export function describeExportContract(name: string, open: OpenStore): void {
  describe(`RunStore contract, export of odd text: ${name}`, () => {
    const fresh = useStores(open)
    const runs = oddErrors.map((error, i) =>
      run(`r${i}`, i, { status: 'failed', error, workflowName: `Flow ${i}, "quoted"` }),
    )

    it('exports quotes, HTML, line breaks and a 10 kB error as CSV a spreadsheet reads back', async () => {
      const store = await fresh()
      await store.write({ source: 's1', runs })
      const rows = csvObjects(await exported(store, 'csv'))
      expect(rows.map((row) => row.id)).toEqual(['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0'])
      expect(rows.map((row) => row.error).reverse()).toEqual([
        'He said "no", then left',
        '<script>alert("x")</script> &amp; <b>bold</b>',
        'line one\nline two\r\nline three',
        tenKb,
        `'=HYPERLINK("http://evil.example","click")`,
        "'-1+2",
        "'@SUM(A1:A9)",
        'Ünïcødé ✓ 漢字, tab\there',
      ])
      expect(rows[4]?.error).toHaveLength(10_240)
      expect(rows[0]?.workflowName).toBe('Flow 7, "quoted"')
      expect(rows[0]?.startedAt).toBe('2026-01-10T00:07:00.000Z')
    })

    it('exports the same runs as NDJSON, one normalized run per line, text untouched', async () => {
      const store = await fresh()
      await store.write({ source: 's1', runs })
      const lines = (await exported(store, 'ndjson')).split('\n')
      expect(lines.pop()).toBe('')
      const read = lines.map((line) => runSchema.parse(JSON.parse(line)))
      expect(read.map((r) => r.error).reverse()).toEqual(oddErrors)
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
