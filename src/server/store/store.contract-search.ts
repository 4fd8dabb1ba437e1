/**
 * The store contract, searching (`q`): by run id (exact or its start) and by words of the
 * error text and workflow name in any order and case, with every other filter, each sort
 * and exact totals; query syntax typed by a person is only text. Expectations by hand.
 */
import { describe, expect, it } from 'vitest'
import { ids, run, useStores, type OpenStore } from './testing/contract-fixtures'
import type { RunFilter } from './types'

const fixture = [
  run('abc-100', 1, {
    status: 'failed',
    error: 'HTTP 429 Too Many Requests from the enrichment API',
    workflowName: 'Enrich leads',
    durationMs: 4000,
  }),
  run('abc-200', 2, {
    status: 'failed',
    error: 'Timeout while calling OpenAI after 30s',
    workflowName: 'Enrich leads',
    durationMs: 30_000,
  }),
  run('abd-300', 3, {
    status: 'succeeded',
    workflowName: 'Score accounts',
    workflowId: 'wf-b',
    durationMs: 1000,
  }),
  run('xyz-400', 4, {
    status: 'failed',
    error: 'Quota "exceeded": <b>too many</b> requests\nretry later',
    workflowName: 'Score accounts',
    workflowId: 'wf-b',
  }),
  run('xyz-500', 5, { status: 'running', workflowName: 'Enrich leads' }),
]

export function describeSearchContract(name: string, open: OpenStore): void {
  describe(`RunStore contract, search: ${name}`, () => {
    const fresh = useStores(open)
    const search = async (narrowing: Partial<RunFilter>, sort?: '-duration' | 'started') => {
      const store = await fresh()
      await store.write({ source: 's1', runs: fixture })
      return store.listRuns({ sources: ['s1'], ...narrowing }, { offset: 0, limit: 10, sort })
    }

    it.each([
      ['an exact id', 'abd-300', ['abd-300']],
      ['the start of ids', 'abc', ['abc-200', 'abc-100']],
      ['a word of an error', '429', ['abc-100']],
      ['words in another order and case', 'REQUESTS many', ['xyz-400', 'abc-100']],
      ['a word of the workflow name', 'enrich', ['xyz-500', 'abc-200', 'abc-100']],
      ['words across error and workflow name', 'timeout leads', ['abc-200']],
      // Words inside HTML and after a line break; tags themselves are no words on PostgreSQL.
      ['words in HTML and after a line break', 'too retry', ['xyz-400']],
      ['a word that is not in the run', 'retry bold', []],
      ['query syntax as text', '"exceeded" OR NEAR(', []],
      ['quotes as text', '"exceeded"', ['xyz-400']],
      ['a word no run has', 'kubernetes', []],
    ])('finds runs by %s (%s)', async (_, q, expected) => {
      const page = await search({ q })
      expect(ids(page.items)).toEqual(expected)
      expect(page.total).toBe(expected.length)
    })

    it('finds ids by their start byte for byte: case, punctuation and letters beyond ASCII', async () => {
      const store = await fresh()
      // Ids a collation other than bytewise would put between these prefixes' matches.
      const odd = ['run-1', 'run-10', 'run1', 'RUN-1x', 'run-1\u00fc', 'run-2', 'run_1', 'run-0']
      await store.write({ source: 's1', runs: odd.map((id, i) => run(id, i)) })
      const found = async (q: string) => {
        const page = await store.listRuns({ sources: ['s1'], q }, { offset: 0, limit: 20 })
        expect(page.total).toBe(page.items.length)
        return ids(page.items)
      }
      expect(await found('run-1')).toEqual(['run-1\u00fc', 'run-10', 'run-1'])
      expect(await found('run-1\u00fc')).toEqual(['run-1\u00fc'])
      expect(await found('RUN-')).toEqual(['RUN-1x'])
      expect(await found('run_')).toEqual(['run_1'])
      expect(await found('run-')).toEqual(['run-0', 'run-2', 'run-1\u00fc', 'run-10', 'run-1'])
    })

    it('combines a search with status, workflow and window, counts exact', async () => {
      const byStatus = await search({ q: 'enrich', status: ['failed'] })
      expect(ids(byStatus.items)).toEqual(['abc-200', 'abc-100'])
      expect(byStatus.total).toBe(2)
      // The status menu's counts: the search without its status part.
      expect(byStatus.counts).toMatchObject({ failed: 2, running: 1, succeeded: 0 })
      const byWorkflow = await search({ q: 'accounts', workflow: 'wf-b' })
      expect(ids(byWorkflow.items)).toEqual(['xyz-400', 'abd-300'])
      const T0 = Date.UTC(2026, 0, 10)
      const inWindow = await search({ q: 'enrich', fromMs: T0 + 60_000, toMs: T0 + 2 * 60_000 })
      expect(ids(inWindow.items)).toEqual(['abc-100'])
      expect(inWindow.total).toBe(1)
    })

    it('sorts a search, runs without a duration last', async () => {
      expect(ids((await search({ q: 'enrich' }, '-duration')).items)).toEqual([
        'abc-200',
        'abc-100',
        'xyz-500',
      ])
      expect(ids((await search({ q: 'accounts' }, 'started')).items)).toEqual([
        'abd-300',
        'xyz-400',
      ])
    })

    it('follows a run whose error changes, and exports only the matches', async () => {
      const store = await fresh()
      await store.write({ source: 's1', runs: fixture })
      await store.write({
        source: 's1',
        runs: [run('xyz-500', 5, { status: 'failed', error: 'Disk full' })],
      })
      const filter = { sources: ['s1'], q: 'disk' }
      expect(ids((await store.listRuns(filter, { offset: 0, limit: 10 })).items)).toEqual([
        'xyz-500',
      ])
      expect(
        (await store.listRuns({ sources: ['s1'], q: 'enrich' }, { offset: 0, limit: 10 })).total,
      ).toBe(2)
      const exported: string[] = []
      for await (const chunk of store.iterateRuns({ sources: ['s1'], q: 'abc' }, 1)) {
        exported.push(...ids(chunk))
      }
      expect(exported).toEqual(['abc-200', 'abc-100'])
      await store.clear('s1')
      expect((await store.listRuns(filter, { offset: 0, limit: 10 })).total).toBe(0)
    })
  })
}
