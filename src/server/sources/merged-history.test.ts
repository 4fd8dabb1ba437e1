import { describe, expect, it } from 'vitest'
import type { Run } from '../../shared/model'
import { MergedHistory, type RunStream } from './merged-history'

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()
const run = (id: string, minute: number): Run => ({
  id,
  source: 's',
  workflowId: id.split('-')[0] ?? 'w',
  status: 'succeeded',
  vendorStatus: 'completed',
  startedAt: at(minute),
})

/** A stream over a fixed newest-first list, counting the pages it serves. */
function stream(runs: Run[], pageSize: number): RunStream & { calls: number[] } {
  const calls: number[] = []
  return {
    calls,
    fetchPage: (page) => {
      calls.push(page)
      const slice = runs.slice((page - 1) * pageSize, page * pageSize)
      return Promise.resolve({
        runs: slice,
        total: runs.length,
        hasMore: page * pageSize < runs.length,
      })
    },
  }
}

describe('MergedHistory', () => {
  it('merges newest first and fetches only the pages it needs', async () => {
    const a = stream([run('a-1', 50), run('a-2', 40), run('a-3', 10), run('a-4', 5)], 2)
    const b = stream([run('b-1', 45), run('b-2', 30), run('b-3', 20)], 2)
    const history = new MergedHistory([a, b])
    await history.ensure(3)
    expect(history.merged.map((item) => item.id)).toEqual(['a-1', 'b-1', 'a-2'])
    expect(a.calls).toEqual([1])
    expect(b.calls).toEqual([1])
    expect(history.total).toBe(7)
    await history.ensure(100)
    expect(history.merged.map((item) => item.id)).toEqual([
      'a-1',
      'b-1',
      'a-2',
      'b-2',
      'b-3',
      'a-3',
      'a-4',
    ])
    expect(history.isExhausted).toBe(true)
  })

  it('keeps progress when a stream fails and drops duplicates', async () => {
    let failing = true
    const flaky: RunStream = {
      fetchPage: (page) =>
        failing && page === 2
          ? Promise.reject(new Error('budget'))
          : Promise.resolve({
              runs: page === 1 ? [run('f-1', 30), run('f-2', 20)] : [run('f-2', 20), run('f-3', 1)],
              total: 4,
              hasMore: page === 1,
            }),
    }
    const other = stream([run('o-1', 25), run('o-2', 2)], 10)
    const history = new MergedHistory([flaky, other])
    await expect(history.ensure(10)).rejects.toThrow('budget')
    expect(history.merged.map((item) => item.id)).toEqual(['f-1', 'o-1', 'f-2'])
    failing = false
    await history.ensure(10)
    expect(history.merged.map((item) => item.id)).toEqual(['f-1', 'o-1', 'f-2', 'o-2', 'f-3'])
  })
})
