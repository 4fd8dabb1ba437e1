import { describe, expect, it } from 'vitest'
import { nextWork, topIntervalMs, type LivePolicy, type PlanInput, type StreamView } from './plan'
import { freshCursor, type StreamCursor } from './stream-cursor'

const policy: LivePolicy = {
  minIntervalMs: 30_000,
  maxIntervalMs: 600_000,
  recencyDivisor: 10,
  workflowsIntervalMs: 300_000,
}
const now = 10_000_000
const cursor = (overrides: Partial<StreamCursor>): StreamCursor => ({
  ...freshCursor,
  lastTopMs: now,
  ...overrides,
})
const input = (streams: StreamView[], overrides: Partial<PlanInput> = {}): PlanInput => ({
  nowMs: now,
  workflowsReadMs: now - 1000,
  streams,
  detailsPending: 0,
  previous: undefined,
  policy,
  ...overrides,
})

describe('nextWork', () => {
  it('reads the workflows first, and again when they are due', () => {
    expect(nextWork(input([], { workflowsReadMs: null }))).toEqual({ kind: 'workflows' })
    expect(nextWork(input([], { workflowsReadMs: now - 300_000 }))).toEqual({ kind: 'workflows' })
  })

  it('gives every stream its first page before anything else', () => {
    const streams = [
      { id: 'a', cursor: cursor({ frontierMs: 5 }), newestMs: now },
      { id: 'b', cursor: undefined, newestMs: null },
    ]
    expect(nextWork(input(streams))).toEqual({ kind: 'backfill', stream: 'b' })
  })

  it('re-reads the most overdue top before backfilling', () => {
    const streams = [
      { id: 'a', cursor: cursor({ lastTopMs: now - 40_000 }), newestMs: now - 60_000 },
      { id: 'b', cursor: cursor({ lastTopMs: now - 90_000 }), newestMs: now - 60_000 },
      { id: 'c', cursor: cursor({ frontierMs: 100 }), newestMs: now },
    ]
    expect(nextWork(input(streams))).toEqual({ kind: 'top', stream: 'b' })
  })

  it('backfills the stream with the newest frontier first', () => {
    const streams = [
      { id: 'a', cursor: cursor({ frontierMs: 1_000 }), newestMs: now },
      { id: 'b', cursor: cursor({ frontierMs: 9_000 }), newestMs: now },
      { id: 'c', cursor: cursor({ frontierMs: 20_000, done: true }), newestMs: now },
    ]
    expect(nextWork(input(streams))).toEqual({ kind: 'backfill', stream: 'b' })
  })

  it('takes turns between step details and the backfill', () => {
    const streams = [{ id: 'a', cursor: cursor({ frontierMs: 1_000 }), newestMs: now }]
    expect(nextWork(input(streams, { detailsPending: 3 }))).toEqual({ kind: 'detail' })
    expect(nextWork(input(streams, { detailsPending: 3, previous: 'detail' }))).toEqual({
      kind: 'backfill',
      stream: 'a',
    })
  })

  it('idles until the next top is due when everything is read', () => {
    const streams = [
      { id: 'a', cursor: cursor({ done: true, lastTopMs: now - 10_000 }), newestMs: now - 60_000 },
    ]
    // Ran a minute ago: due every 30 s (the floor), so 20 s from now.
    expect(nextWork(input(streams))).toEqual({ kind: 'idle', untilMs: now + 20_000 })
  })

  it('polls a busy stream often and a dormant one rarely', () => {
    expect(topIntervalMs(now - 60_000, now, policy)).toBe(30_000)
    expect(topIntervalMs(now - 3_600_000, now, policy)).toBe(360_000)
    expect(topIntervalMs(now - 86_400_000, now, policy)).toBe(600_000)
    expect(topIntervalMs(null, now, policy)).toBe(600_000)
  })
})
