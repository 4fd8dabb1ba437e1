import { describe, expect, it } from 'vitest'
import {
  afterBackfillPage,
  afterTopPage,
  freshCursor,
  nextBackfillPage,
  topContinues,
  type StreamCursor,
} from './stream-cursor'

const times = (count: number, newest: number) =>
  Array.from({ length: count }, (_, index) => newest - index * 1000)

describe('stream cursor', () => {
  it('starts at page 1 and moves one page per full page read', () => {
    expect(nextBackfillPage(freshCursor, 100)).toBe(1)
    const after = afterBackfillPage(freshCursor, {
      page: 1,
      pageSize: 100,
      sortTimes: times(100, 500_000),
      total: 250,
    })
    expect(after).toMatchObject({ readOffset: 100, atTotal: 250, total: 250, done: false })
    expect(after.frontierMs).toBe(401_000)
    expect(nextBackfillPage(after, 100)).toBe(2)
  })

  it('shifts the next page down by the runs that arrived on top, rounding towards overlap', () => {
    const cursor: StreamCursor = { ...freshCursor, readOffset: 200, atTotal: 1000, total: 1000 }
    expect(nextBackfillPage(cursor, 100)).toBe(3)
    // 150 new runs pushed every read run 150 places down: run 200 is now at 350 (page 4).
    expect(nextBackfillPage({ ...cursor, total: 1150 }, 100)).toBe(4)
    // 99 new runs: run 200 is at 299, still on page 3; nothing is skipped.
    expect(nextBackfillPage({ ...cursor, total: 1099 }, 100)).toBe(3)
  })

  it('is done at a short page or at the reported total', () => {
    const short = afterBackfillPage(
      { ...freshCursor, readOffset: 100, atTotal: 130, total: 130 },
      { page: 2, pageSize: 100, sortTimes: times(30, 10_000), total: 130 },
    )
    expect(short.done).toBe(true)
    expect(short.readOffset).toBe(130)
    const exact = afterBackfillPage(freshCursor, {
      page: 1,
      pageSize: 100,
      sortTimes: times(100, 10_000),
      total: 100,
    })
    expect(exact.done).toBe(true)
  })

  it('keeps the frontier at the oldest dated run and ignores undated ones', () => {
    const after = afterBackfillPage(
      { ...freshCursor, frontierMs: 50_000 },
      { page: 1, pageSize: 3, sortTimes: [60_000, null, 40_000], total: 10 },
    )
    expect(after.frontierMs).toBe(40_000)
  })

  it('counts a top page as backfill only where the backfill had not been', () => {
    const cursor: StreamCursor = { ...freshCursor, readOffset: 100, atTotal: 300, total: 300 }
    const top = afterTopPage(
      cursor,
      { page: 1, pageSize: 100, sortTimes: times(100, 900_000), total: 320 },
      7_000,
    )
    expect(top).toMatchObject({ readOffset: 100, atTotal: 300, total: 320, lastTopMs: 7_000 })
  })

  it('reads the top on while it is newer than the store or not past the oldest run in flight', () => {
    const cursor: StreamCursor = {
      ...freshCursor,
      done: true,
      readOffset: 500,
      atTotal: 500,
      total: 500,
    }
    const page = { page: 1, pageSize: 3, sortTimes: [9_000, 8_000, 7_000], total: 503 }
    const context = { storedNewestMs: 5_000, oldestActiveMs: null, maxPages: 20 }
    expect(topContinues(cursor, page, context)).toBe(true)
    expect(topContinues(cursor, page, { ...context, storedNewestMs: 8_000 })).toBe(false)
    expect(
      topContinues(cursor, page, { ...context, storedNewestMs: 8_000, oldestActiveMs: 6_000 }),
    ).toBe(true)
    expect(topContinues(cursor, { ...page, sortTimes: [9_000, 8_000] }, context)).toBe(false)
    expect(topContinues(cursor, page, { ...context, maxPages: 1 })).toBe(false)
  })

  it('leaves the pages past the backfill frontier to the backfill', () => {
    const cursor: StreamCursor = { ...freshCursor, readOffset: 100, atTotal: 900, total: 900 }
    const page2 = { page: 2, pageSize: 100, sortTimes: times(100, 9_000_000), total: 900 }
    expect(
      topContinues(cursor, page2, { storedNewestMs: 1, oldestActiveMs: null, maxPages: 20 }),
    ).toBe(false)
  })
})
