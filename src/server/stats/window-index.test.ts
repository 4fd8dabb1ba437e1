import { describe, expect, it } from 'vitest'
import type { Run } from '../../shared/model'
import type { ScanAllowance } from '../upstream/client'
import { ScanBudgetExhausted } from '../upstream/client'
import { WindowIndex } from './window-index'

const minute = 60_000
const t0 = Date.parse('2026-11-20T12:00:00Z')

/** A vendor in memory: runs newest first, one a minute, paged by offset like both vendors. */
function vendor(count: number) {
  const runs: Run[] = Array.from({ length: count }, (_, index) =>
    makeRun(`r${count - index}`, t0 - index * minute),
  )
  let requests = 0
  return {
    runs,
    get requests() {
      return requests
    },
    /** New runs at the top, as time passes. */
    add(newCount: number) {
      const newest = Date.parse(runs[0]?.startedAt ?? new Date(t0).toISOString())
      const fresh = Array.from({ length: newCount }, (_, index) =>
        makeRun(`n${runs.length + newCount - index}`, newest + (newCount - index) * minute),
      )
      runs.unshift(...fresh)
    },
    fetchPage: (page: number, pageSize: number, scan: ScanAllowance) => {
      if (scan.remaining <= 0) return Promise.reject(new ScanBudgetExhausted('call-budget'))
      scan.remaining -= 1
      requests += 1
      const slice = runs.slice((page - 1) * pageSize, page * pageSize).map((run) => ({ ...run }))
      return Promise.resolve({ runs: slice, total: runs.length })
    },
  }
}

function makeRun(id: string, ms: number, status: Run['status'] = 'succeeded'): Run {
  return {
    id,
    source: 's',
    workflowId: 'wf',
    status,
    vendorStatus: status,
    startedAt: new Date(ms).toISOString(),
  }
}

async function cover(index: WindowIndex, fromMs: number, remaining = 1000): Promise<void> {
  const scan = { remaining, reserve: 0 }
  index.begin()
  try {
    while (await index.step(fromMs, scan)) {
      /* one page per step */
    }
  } catch (error) {
    if (!(error instanceof ScanBudgetExhausted)) throw error
    index.abandonRefresh()
  }
}

describe('WindowIndex', () => {
  it('reads pages from the top until it passes the window start, then stops', async () => {
    const upstream = vendor(1000)
    let now = t0
    const index = new WindowIndex(upstream.fetchPage, { pageSize: 100, now: () => now })
    await cover(index, t0 - 250 * minute)
    expect(upstream.requests).toBe(3)
    expect(index.covers(t0 - 250 * minute)).toBe(true)
    expect(index.covers(t0 - 400 * minute)).toBe(false)

    // Fresh: a repeat costs nothing.
    now += 1000
    await cover(index, t0 - 250 * minute)
    expect(upstream.requests).toBe(3)
  })

  it('re-reads only the top once stale, and keeps the rest it already read', async () => {
    const upstream = vendor(1000)
    let now = t0
    const index = new WindowIndex(upstream.fetchPage, {
      pageSize: 100,
      refreshMs: 30_000,
      now: () => now,
    })
    await cover(index, t0 - 550 * minute)
    expect(upstream.requests).toBe(6)

    upstream.add(30)
    now += 60_000
    await cover(index, t0 - 550 * minute)
    // One page reaches below the old newest run; nothing deeper is read again.
    expect(upstream.requests).toBe(7)
    const ids = index.segment.map((run) => run.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(upstream.runs.slice(0, ids.length).map((run) => run.id))
    expect(index.covers(t0 - 550 * minute)).toBe(true)
  })

  it('sees a run that was running when last read and has finished since', async () => {
    const upstream = vendor(500)
    let now = t0
    // 40 minutes old, on the third page: below the newest run, within the active horizon.
    const target = upstream.runs[40]!
    target.status = 'running'
    const index = new WindowIndex(upstream.fetchPage, { pageSize: 20, now: () => now })
    await cover(index, t0 - 300 * minute)
    expect(index.segment.find((run) => run.id === target.id)?.status).toBe('running')

    target.status = 'failed'
    now += 60_000
    const before = upstream.requests
    await cover(index, t0 - 300 * minute)
    expect(index.segment.find((run) => run.id === target.id)?.status).toBe('failed')
    expect(upstream.requests - before).toBe(3)
  })

  it('stops when the budget is spent, says so, and goes on from there next time', async () => {
    const upstream = vendor(1000)
    let now = t0
    const index = new WindowIndex(upstream.fetchPage, { pageSize: 100, now: () => now })
    const from = t0 - 900 * minute
    await cover(index, from, 4)
    expect(upstream.requests).toBe(4)
    expect(index.covers(from)).toBe(false)
    expect(index.segment).toHaveLength(400)

    now += 1000
    await cover(index, from, 4)
    expect(upstream.requests).toBe(8)
    expect(index.segment).toHaveLength(800)
    await cover(index, from, 4)
    expect(index.covers(from)).toBe(true)
    expect(index.segment).toHaveLength(1000)
  })

  it('knows it has read everything at the end of a short history', async () => {
    const upstream = vendor(42)
    const index = new WindowIndex(upstream.fetchPage, { pageSize: 100, now: () => t0 })
    await cover(index, t0 - 10_000 * minute)
    expect(upstream.requests).toBe(1)
    expect(index.covers(t0 - 10_000 * minute)).toBe(true)
    expect(index.vendorCounts?.total).toBe(42)
  })
})
