import { describe, expect, it } from 'vitest'
import { ApiError } from '../errors'
import { freshCursor } from './stream-cursor'
import { syncProgress } from './sync-progress'

const state = { workflowsReadMs: 1, lastSuccessMs: Date.parse('2026-11-20T12:00:00Z') }
const base = {
  summary: { runs: 6100, oldestMs: Date.parse('2026-11-03T10:00:00Z') },
  state,
  failure: undefined,
  nowMs: 0,
  pageSize: 100,
  isReady: true,
}
const halfRead = [
  { ...freshCursor, readOffset: 3000, atTotal: 5000, total: 5000 },
  { ...freshCursor, readOffset: 3100, atTotal: 4336, total: 4336 },
]

describe('syncProgress', () => {
  it('says backfilling with counts, reach and a time left from the pace so far', () => {
    const progress = syncProgress({
      ...base,
      cursors: halfRead,
      // 1,000 runs in 10 s: 3,236 left take 33 s.
      samples: [
        { ms: 0, offset: 5100 },
        { ms: 10_000, offset: 6100 },
      ],
    })
    expect(progress).toEqual({
      state: 'backfilling',
      runsStored: 6100,
      vendorTotal: 9336,
      oldestStoredAt: '2026-11-03T10:00:00.000Z',
      lastSyncAt: '2026-11-20T12:00:00.000Z',
      etaSeconds: 33,
    })
  })

  it('never promises more than the rate limit allows', () => {
    // 3,236 runs left are 33 pages; at 90 pages a minute that is 22 s, at 10 it is 198 s.
    const fast = [
      { ms: 0, offset: 0 },
      { ms: 1_000, offset: 6100 },
    ]
    expect(
      syncProgress({ ...base, cursors: halfRead, samples: fast, pagesPerMinute: 10 }).etaSeconds,
    ).toBe(198)
    expect(
      syncProgress({ ...base, cursors: halfRead, samples: fast, pagesPerMinute: 90 }).etaSeconds,
    ).toBe(22)
  })

  it('is live only once the workflows and every stream were read to the end', () => {
    const done = halfRead.map((cursor) => ({ ...cursor, done: true }))
    expect(syncProgress({ ...base, cursors: done, samples: [] }).state).toBe('live')
    expect(syncProgress({ ...base, cursors: done, samples: [], isReady: false }).state).toBe(
      'backfilling',
    )
  })

  it('says a failure in words, keeping what is stored', () => {
    const failure = new ApiError('UPSTREAM_AUTH', 'The Trigify API rejected the configured API key')
    const progress = syncProgress({ ...base, cursors: halfRead, samples: [], failure })
    expect(progress).toMatchObject({
      state: 'error',
      runsStored: 6100,
      lastError: 'The Trigify API rejected the configured API key',
    })
  })
})
