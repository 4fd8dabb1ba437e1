import { describe, expect, it } from 'vitest'
import type { Step } from '../../../shared/model'
import { axisTicks, layoutTimeline, stepTimes, type TimelineRun } from './timeline-layout'

const t0 = Date.parse('2026-11-20T11:00:00.000Z')
const at = (ms: number) => new Date(t0 + ms).toISOString()

function step(overrides: Partial<Step> & Pick<Step, 'id'>): Step {
  return {
    name: overrides.id,
    kind: 'action',
    status: 'succeeded',
    vendorStatus: 'SUCCEEDED',
    attempt: 1,
    ...overrides,
  }
}

const finishedRun: TimelineRun = {
  status: 'succeeded',
  startedAt: at(0),
  finishedAt: at(10_000),
  durationMs: 10_000,
}

describe('layoutTimeline', () => {
  it('places bars in percent of the run from its start to its end', () => {
    const layout = layoutTimeline(
      finishedRun,
      [
        step({ id: 'a', kind: 'trigger', startedAt: at(0), finishedAt: at(1_000) }),
        step({ id: 'b', startedAt: at(2_500), finishedAt: at(7_500) }),
        step({ id: 'c', startedAt: at(7_500), finishedAt: at(10_000) }),
      ],
      t0 + 60_000,
    )
    expect(layout.axisStartMs).toBe(t0)
    expect(layout.axisSpanMs).toBe(10_000)
    expect(layout.rows.map((row) => row.bar)).toEqual([
      { offsetPct: 0, widthPct: 10, isOpenEnded: false, isEndUnknown: false },
      { offsetPct: 25, widthPct: 50, isOpenEnded: false, isEndUnknown: false },
      { offsetPct: 75, widthPct: 25, isOpenEnded: false, isEndUnknown: false },
    ])
    expect(layout.rows.map((row) => row.startOffsetMs)).toEqual([0, 2_500, 7_500])
    expect(layout.rows.map((row) => row.durationMs)).toEqual([1_000, 5_000, 2_500])
    expect(layout.untimedCount).toBe(0)
  })

  it('keeps the vendor order of steps that are not retried', () => {
    const layout = layoutTimeline(
      finishedRun,
      [
        step({ id: 'late', startedAt: at(8_000), finishedAt: at(9_000) }),
        step({ id: 'early', startedAt: at(1_000), finishedAt: at(2_000) }),
      ],
      t0,
    )
    expect(layout.rows.map((row) => row.step.id)).toEqual(['late', 'early'])
    expect(layout.rows.map((row) => row.sourceIndex)).toEqual([0, 1])
  })

  it('prefers the reported duration to the measured one for a finished step', () => {
    const layout = layoutTimeline(
      finishedRun,
      [step({ id: 'a', startedAt: at(0), finishedAt: at(1_000), durationMs: 987 })],
      t0,
    )
    expect(layout.rows[0]?.durationMs).toBe(987)
  })

  it('gives zero-length steps a minimum visible width', () => {
    const layout = layoutTimeline(
      finishedRun,
      [step({ id: 'instant', startedAt: at(5_000), finishedAt: at(5_000), durationMs: 0 })],
      t0,
      { minWidthPct: 1 },
    )
    expect(layout.rows[0]?.bar).toMatchObject({ offsetPct: 50, widthPct: 1 })
    expect(layout.rows[0]?.durationMs).toBe(0)
  })

  it('keeps a minimum-width bar at the very end inside the axis', () => {
    const layout = layoutTimeline(
      finishedRun,
      [step({ id: 'last', startedAt: at(10_000), finishedAt: at(10_000) })],
      t0,
      { minWidthPct: 2 },
    )
    expect(layout.rows[0]?.bar).toMatchObject({ offsetPct: 98, widthPct: 2 })
  })

  it('lists steps with no times without a bar instead of dropping them', () => {
    const layout = layoutTimeline(
      finishedRun,
      [
        step({ id: 'timed', startedAt: at(0), finishedAt: at(1_000) }),
        step({ id: 'untimed', status: 'failed', vendorStatus: 'FAILED', error: 'boom' }),
      ],
      t0,
    )
    expect(layout.rows).toHaveLength(2)
    expect(layout.rows[1]?.bar).toBeNull()
    expect(layout.rows[1]?.startOffsetMs).toBeUndefined()
    expect(layout.rows[1]?.durationMs).toBeUndefined()
    expect(layout.untimedCount).toBe(1)
  })

  it('keeps the reported duration of a step without times', () => {
    const layout = layoutTimeline(finishedRun, [step({ id: 'a', durationMs: 1_234 })], t0)
    expect(layout.rows[0]?.bar).toBeNull()
    expect(layout.rows[0]?.durationMs).toBe(1_234)
  })

  it('does not call a step that has not started instant because the vendor says 0 s', () => {
    const layout = layoutTimeline(
      finishedRun,
      [step({ id: 'a', status: 'pending', vendorStatus: 'PENDING', durationMs: 0 })],
      t0,
    )
    expect(layout.rows[0]?.durationMs).toBeUndefined()
  })

  it('infers a missing end from start plus duration, and a missing start from end minus duration', () => {
    const layout = layoutTimeline(
      finishedRun,
      [
        step({ id: 'no-end', startedAt: at(1_000), durationMs: 2_000 }),
        step({ id: 'no-start', finishedAt: at(9_000), durationMs: 1_000 }),
      ],
      t0,
    )
    expect(layout.rows[0]?.bar).toMatchObject({ offsetPct: 10, widthPct: 20 })
    expect(layout.rows[1]?.bar).toMatchObject({ offsetPct: 80, widthPct: 10 })
  })

  it('marks a bar whose end is unknown (and not running) as a minimum-width marker', () => {
    const layout = layoutTimeline(
      finishedRun,
      [step({ id: 'a', status: 'failed', vendorStatus: 'FAILED', startedAt: at(4_000) })],
      t0,
      { minWidthPct: 0.5 },
    )
    expect(layout.rows[0]?.bar).toEqual({
      offsetPct: 40,
      widthPct: 0.5,
      isOpenEnded: false,
      isEndUnknown: true,
    })
    expect(layout.rows[0]?.durationMs).toBeUndefined()
  })

  it('grows running steps and a running run up to now', () => {
    const run: TimelineRun = { status: 'running', startedAt: at(0) }
    const steps = [
      step({ id: 'a', startedAt: at(0), finishedAt: at(2_000) }),
      step({ id: 'b', status: 'running', vendorStatus: 'RUNNING', startedAt: at(2_000) }),
    ]
    const early = layoutTimeline(run, steps, t0 + 4_000)
    expect(early.axisSpanMs).toBe(4_000)
    expect(early.rows[1]?.bar).toEqual({
      offsetPct: 50,
      widthPct: 50,
      isOpenEnded: true,
      isEndUnknown: false,
    })
    expect(early.rows[1]?.durationMs).toBe(2_000)

    const later = layoutTimeline(run, steps, t0 + 8_000)
    expect(later.axisSpanMs).toBe(8_000)
    expect(later.rows[0]?.bar).toMatchObject({ offsetPct: 0, widthPct: 25 })
    expect(later.rows[1]?.bar).toMatchObject({ offsetPct: 25, widthPct: 75, isOpenEnded: true })
    expect(later.rows[1]?.durationMs).toBe(6_000)
  })

  it('ignores a stale reported duration of a running step', () => {
    const layout = layoutTimeline(
      { status: 'running', startedAt: at(0) },
      [step({ id: 'a', status: 'running', vendorStatus: 'RUNNING', startedAt: at(0) })],
      t0 + 3_000,
    )
    expect(layout.rows[0]?.bar).toMatchObject({ offsetPct: 0, widthPct: 100, isOpenEnded: true })
  })

  it('does not stretch a finished run to now', () => {
    const layout = layoutTimeline(
      finishedRun,
      [step({ id: 'a', startedAt: at(0), finishedAt: at(5_000) })],
      t0 + 3_600_000,
    )
    expect(layout.axisSpanMs).toBe(10_000)
  })

  it('uses start plus duration when a finished run has no end time', () => {
    const layout = layoutTimeline(
      { status: 'failed', startedAt: at(0), durationMs: 20_000 },
      [step({ id: 'a', startedAt: at(0), finishedAt: at(5_000) })],
      t0 + 3_600_000,
    )
    expect(layout.axisSpanMs).toBe(20_000)
    expect(layout.rows[0]?.bar).toMatchObject({ widthPct: 25 })
  })

  it('widens the axis to steps that the vendor reports outside the run', () => {
    const layout = layoutTimeline(
      finishedRun,
      [
        step({ id: 'before', startedAt: at(-5_000), finishedAt: at(0) }),
        step({ id: 'after', startedAt: at(10_000), finishedAt: at(15_000) }),
      ],
      t0,
    )
    expect(layout.axisStartMs).toBe(t0 - 5_000)
    expect(layout.axisSpanMs).toBe(20_000)
    expect(layout.rows[0]?.bar).toMatchObject({ offsetPct: 0, widthPct: 25 })
    expect(layout.rows[1]?.bar).toMatchObject({ offsetPct: 75, widthPct: 25 })
  })

  it('falls back to the earliest step start, then to the creation time, for the axis start', () => {
    const fromSteps = layoutTimeline(
      { status: 'failed' },
      [step({ id: 'a', startedAt: at(1_000), finishedAt: at(3_000) })],
      t0,
    )
    expect(fromSteps.axisStartMs).toBe(t0 + 1_000)
    expect(fromSteps.rows[0]?.bar).toMatchObject({ offsetPct: 0, widthPct: 100 })

    const fromCreated = layoutTimeline(
      { status: 'pending', createdAt: at(0) },
      [step({ id: 'a', status: 'pending', vendorStatus: 'PENDING' })],
      t0 + 2_000,
    )
    expect(fromCreated.axisStartMs).toBe(t0)
    expect(fromCreated.rows[0]?.bar).toBeNull()
  })

  it('has no axis when no time is known at all', () => {
    const layout = layoutTimeline({ status: 'unknown' }, [step({ id: 'a' })], t0)
    expect(layout.axisStartMs).toBeNull()
    expect(layout.ticks).toEqual([])
    expect(layout.rows[0]?.bar).toBeNull()
  })

  it('survives a run where everything happened at one instant', () => {
    const layout = layoutTimeline(
      { status: 'succeeded', startedAt: at(0), finishedAt: at(0) },
      [step({ id: 'a', startedAt: at(0), finishedAt: at(0) })],
      t0,
      { minWidthPct: 1 },
    )
    expect(layout.axisSpanMs).toBe(0)
    expect(layout.rows[0]?.bar).toMatchObject({ offsetPct: 0, widthPct: 1 })
    expect(layout.ticks).toEqual([{ offsetMs: 0, offsetPct: 0 }])
  })

  it('clamps a step that ends before it starts to zero length', () => {
    const layout = layoutTimeline(
      finishedRun,
      [step({ id: 'skewed', startedAt: at(6_000), finishedAt: at(5_000) })],
      t0,
      { minWidthPct: 1 },
    )
    expect(layout.rows[0]?.bar).toMatchObject({ offsetPct: 60, widthPct: 1 })
    expect(layout.rows[0]?.durationMs).toBe(0)
  })

  it('ignores unparseable times rather than producing NaN', () => {
    const layout = layoutTimeline(
      finishedRun,
      [step({ id: 'a', startedAt: 'not a date', finishedAt: at(1_000) })],
      t0,
    )
    expect(layout.rows[0]?.bar).toBeNull()
  })
})

describe('retried steps', () => {
  const failedRun: TimelineRun = {
    status: 'failed',
    startedAt: at(0),
    finishedAt: at(10_000),
  }

  it('groups attempts by step name, in attempt order, where the first attempt was', () => {
    const layout = layoutTimeline(
      finishedRun,
      [
        step({ id: 'trigger', kind: 'trigger', startedAt: at(0), finishedAt: at(100) }),
        step({
          id: 'enrich-1',
          name: 'Enrich',
          status: 'failed',
          vendorStatus: 'FAILED',
          error: '429',
          startedAt: at(100),
          finishedAt: at(1_000),
        }),
        step({ id: 'notify', name: 'Notify', startedAt: at(9_000), finishedAt: at(10_000) }),
        step({
          id: 'enrich-2',
          name: 'Enrich',
          attempt: 2,
          startedAt: at(2_000),
          finishedAt: at(8_000),
        }),
      ],
      t0,
    )
    expect(layout.rows.map((row) => row.step.id)).toEqual([
      'trigger',
      'enrich-1',
      'enrich-2',
      'notify',
    ])
    const [, first, second, notify] = layout.rows
    expect(first).toMatchObject({
      groupKey: 'Enrich',
      attemptCount: 2,
      attemptIndex: 0,
      isFirstInGroup: true,
      isLastInGroup: false,
    })
    expect(second).toMatchObject({
      groupKey: 'Enrich',
      attemptCount: 2,
      attemptIndex: 1,
      isFirstInGroup: false,
      isLastInGroup: true,
      sourceIndex: 3,
    })
    expect(notify).toMatchObject({ attemptCount: 1, isFirstInGroup: true, isLastInGroup: true })
    // Attempt 1 failed but attempt 2 rescued the step: the run did not fail on it.
    expect(layout.failedStepId).toBeUndefined()
    expect(layout.rows.some((row) => row.isFailedStep)).toBe(false)
  })

  it('orders attempts by attempt number even when the vendor lists them backwards', () => {
    const layout = layoutTimeline(
      failedRun,
      [
        step({ id: 'x-3', name: 'X', attempt: 3, startedAt: at(6_000), finishedAt: at(7_000) }),
        step({ id: 'x-1', name: 'X', attempt: 1, startedAt: at(0), finishedAt: at(1_000) }),
        step({ id: 'x-2', name: 'X', attempt: 2, startedAt: at(3_000), finishedAt: at(4_000) }),
      ],
      t0,
    )
    expect(layout.rows.map((row) => row.step.id)).toEqual(['x-1', 'x-2', 'x-3'])
    expect(layout.rows.map((row) => row.attemptIndex)).toEqual([0, 1, 2])
  })

  it('marks the step whose last attempt failed as the failed step', () => {
    const layout = layoutTimeline(
      failedRun,
      [
        step({ id: 'trigger', kind: 'trigger', startedAt: at(0), finishedAt: at(100) }),
        step({
          id: 'send-1',
          name: 'Send',
          status: 'failed',
          vendorStatus: 'FAILED',
          startedAt: at(100),
          finishedAt: at(2_000),
        }),
        step({
          id: 'send-2',
          name: 'Send',
          attempt: 2,
          status: 'failed',
          vendorStatus: 'FAILED',
          error: 'SMTP 421',
          startedAt: at(5_000),
          finishedAt: at(10_000),
        }),
      ],
      t0,
    )
    expect(layout.failedStepId).toBe('send-2')
    expect(layout.rows.filter((row) => row.isFailedStep).map((row) => row.step.id)).toEqual([
      'send-2',
    ])
  })

  it('prefers the failed step that carries the run error, then the latest to start', () => {
    const steps = [
      step({ id: 'a', name: 'A', status: 'failed', vendorStatus: 'FAILED', error: 'soft' }),
      step({
        id: 'b',
        name: 'B',
        status: 'failed',
        vendorStatus: 'FAILED',
        error: 'hard',
        startedAt: at(1_000),
        finishedAt: at(2_000),
      }),
      step({
        id: 'c',
        name: 'C',
        status: 'failed',
        vendorStatus: 'FAILED',
        error: 'other',
        startedAt: at(5_000),
        finishedAt: at(6_000),
      }),
      step({ id: 'd', name: 'D', startedAt: at(8_000), finishedAt: at(9_000) }),
    ]
    expect(layoutTimeline({ ...failedRun, error: 'hard' }, steps, t0).failedStepId).toBe('b')
    expect(layoutTimeline({ ...failedRun, error: 'unrelated' }, steps, t0).failedStepId).toBe('c')
  })

  it('falls back to the latest failed attempt when every one was retried successfully', () => {
    const layout = layoutTimeline(
      failedRun,
      [
        step({
          id: 'x-1',
          name: 'X',
          status: 'failed',
          vendorStatus: 'FAILED',
          startedAt: at(0),
          finishedAt: at(1_000),
        }),
        step({ id: 'x-2', name: 'X', attempt: 2, startedAt: at(2_000), finishedAt: at(3_000) }),
      ],
      t0,
    )
    expect(layout.failedStepId).toBe('x-1')
  })

  it('falls back to the step named by the run when no step is marked failed', () => {
    const layout = layoutTimeline(
      { ...failedRun, failedStep: 'Enrich profile' },
      [
        step({ id: 's1', name: 'Trigger', kind: 'trigger' }),
        step({ id: 's2', name: 'Enrich profile', status: 'unknown', vendorStatus: 'ERRORED' }),
      ],
      t0,
    )
    expect(layout.failedStepId).toBe('s2')
  })

  it('handles two hundred steps', () => {
    const steps = Array.from({ length: 200 }, (_, index) =>
      step({
        id: `s${index}`,
        name: `Step ${index % 150}`,
        attempt: index < 150 ? 1 : 2,
        startedAt: at(index * 100),
        finishedAt: at(index * 100 + 80),
      }),
    )
    const layout = layoutTimeline({ status: 'succeeded', startedAt: at(0) }, steps, t0)
    expect(layout.rows).toHaveLength(200)
    expect(new Set(layout.rows.map((row) => row.step.id)).size).toBe(200)
    expect(layout.rows.filter((row) => row.attemptCount === 2)).toHaveLength(100)
    expect(layout.axisSpanMs).toBe(199 * 100 + 80)
    for (const row of layout.rows) {
      expect(row.bar?.offsetPct).toBeGreaterThanOrEqual(0)
      expect((row.bar?.offsetPct ?? 0) + (row.bar?.widthPct ?? 0)).toBeLessThanOrEqual(100)
    }
  })
})

describe('stepTimes', () => {
  it('keeps a running step without a start open and unplaced', () => {
    expect(stepTimes(step({ id: 'a', status: 'running', vendorStatus: 'RUNNING' }), t0)).toEqual({
      startMs: undefined,
      endMs: undefined,
      isOpenEnded: false,
    })
  })

  it('never ends a running step before it started, even with a lagging clock', () => {
    const times = stepTimes(
      step({ id: 'a', status: 'running', vendorStatus: 'RUNNING', startedAt: at(5_000) }),
      t0,
    )
    expect(times).toEqual({ startMs: t0 + 5_000, endMs: t0 + 5_000, isOpenEnded: true })
  })
})

describe('axisTicks', () => {
  it('picks a round interval with at most the requested number of ticks', () => {
    expect(axisTicks(10_000, 5).map((tick) => tick.offsetMs)).toEqual([0, 5_000, 10_000])
    expect(axisTicks(9_000, 5).map((tick) => tick.offsetMs)).toEqual([
      0, 2_000, 4_000, 6_000, 8_000,
    ])
    expect(axisTicks(250, 5).map((tick) => tick.offsetMs)).toEqual([0, 100, 200])
    expect(axisTicks(95 * 60_000, 5).map((tick) => tick.offsetMs)).toEqual([
      0, 1_800_000, 3_600_000, 5_400_000,
    ])
  })

  it('places ticks in percent of the span', () => {
    expect(axisTicks(4_000, 5)).toEqual([
      { offsetMs: 0, offsetPct: 0 },
      { offsetMs: 1_000, offsetPct: 25 },
      { offsetMs: 2_000, offsetPct: 50 },
      { offsetMs: 3_000, offsetPct: 75 },
      { offsetMs: 4_000, offsetPct: 100 },
    ])
  })

  it('copes with spans longer than the largest round interval', () => {
    const ticks = axisTicks(30 * 86_400_000, 5)
    expect(ticks.length).toBeLessThanOrEqual(5)
    expect(ticks[0]?.offsetMs).toBe(0)
  })
})
