/**
 * The generator on its own: repeatable per seed, plausible (failure rates, long-tailed
 * durations, bursts, realistic errors, steps with retries), and its indexes agree with the
 * rows they index.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { maxRunMs } from './catalog'
import { CANCELLED, FAILED, PAUSED, SUCCEEDED, generateHistory, noError } from './history'
import type { SandboxData, VendorHistory } from './history'
import { createRunIdCodec } from './run-ids'
import { errorTextOf } from './error-text'
import { planSteps } from './steps'
import { trigifyErrorText } from './trigify-routes'

const anchorMs = Date.parse('2026-11-20T12:00:00.000Z')
let data: SandboxData

beforeAll(() => {
  data = generateHistory({ seed: 42, runs: 40_000, anchorMs })
})

const bytesOf = (array: ArrayBufferView) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength)
const fingerprint = (history: VendorHistory) => ({
  ids: history.workflows.map((workflow) => workflow.id),
  started: bytesOf(history.started),
  created: bytesOf(history.created),
  ended: bytesOf(history.ended),
  outcome: bytesOf(history.outcome),
  errorIndex: bytesOf(history.errorIndex),
})
/** Which columns differ (Buffer.equals is fast where a deep toEqual of megabytes is not). */
const differences = (a: VendorHistory, b: VendorHistory): string[] => {
  const left = fingerprint(a)
  const right = fingerprint(b)
  const columns = ['started', 'created', 'ended', 'outcome', 'errorIndex'] as const
  return [
    ...(left.ids.join() === right.ids.join() ? [] : ['ids']),
    ...columns.filter((column) => !left[column].equals(right[column])),
  ]
}

function rowsOf(history: VendorHistory, predicate: (row: number) => boolean): number[] {
  const rows: number[] = []
  for (let row = 0; row < history.count; row++) if (predicate(row)) rows.push(row)
  return rows
}

describe('determinism', () => {
  it('builds identical data for the same seed and anchor', () => {
    const again = generateHistory({ seed: 42, runs: 40_000, anchorMs })
    expect(differences(again.trigify, data.trigify)).toEqual([])
    expect(differences(again.puq, data.puq)).toEqual([])
    const row = 1234
    expect(planSteps(again.puq, row, 42)).toEqual(planSteps(data.puq, row, 42))
  })

  it('builds different data for another seed', () => {
    const other = generateHistory({ seed: 43, runs: 40_000, anchorMs })
    expect(differences(other.trigify, data.trigify)).toEqual(
      expect.arrayContaining(['ids', 'started', 'ended']),
    )
    expect(differences(other.puq, data.puq)).toEqual(
      expect.arrayContaining(['ids', 'started', 'outcome']),
    )
  })
})

describe.each(['trigify', 'puq'] as const)('%s rows', (vendor) => {
  it('splits the runs roughly evenly and keeps them in the 30 days before and 48 h after the anchor', () => {
    const history = data[vendor]
    expect(history.count).toBeGreaterThan(19_900)
    expect(history.count).toBeLessThan(20_100)
    for (let row = 0; row < history.count; row++) {
      const created = history.created[row] ?? NaN
      const started = history.started[row] ?? NaN
      const ended = history.ended[row] ?? NaN
      if (!(created <= started && started < ended && ended - started <= maxRunMs)) {
        throw new Error(`row ${row}: created ${created}, started ${started}, ended ${ended}`)
      }
      if (started < data.fromMs || started > data.untilMs)
        throw new Error(`row ${row} outside range`)
      if (row > 0 && started > (history.started[row - 1] ?? 0))
        throw new Error(`row ${row} out of order`)
    }
  })

  it('indexes every row once per list, newest created first, under the right key', () => {
    const history = data[vendor]
    expect(history.byWorkflow.reduce((sum, list) => sum + list.length, 0)).toBe(history.count)
    /** Whether `row` lists after `before`: created earlier, or at the same instant and later. */
    const listsAfter = (row: number, before: number) => {
      const [created, previous] = [history.created[row] ?? 0, history.created[before] ?? 0]
      return created < previous || (created === previous && row > before)
    }
    for (const list of [history.all, ...history.byWorkflow, ...history.byOutcome]) {
      expect(list.every((row, index) => index === 0 || listsAfter(row, list[index - 1] ?? 0))).toBe(
        true,
      )
    }
    expect(new Set(history.all).size).toBe(history.count)
    history.byWorkflow.forEach((list, workflow) => {
      expect(list.every((row) => history.workflow[row] === workflow)).toBe(true)
    })
    history.byWorkflowOutcome.forEach((lists, workflow) =>
      lists.forEach((list, outcome) => {
        expect(
          list.every(
            (row) => history.workflow[row] === workflow && history.outcome[row] === outcome,
          ),
        ).toBe(true)
      }),
    )
    history.byOutcome.forEach((list, outcome) => {
      expect(list.length).toBe(rowsOf(history, (row) => history.outcome[row] === outcome).length)
    })
  })

  it('has per-workflow failure rates from about 1% to over 20%', () => {
    const history = data[vendor]
    const rates = history.workflows
      .map((workflow, index) => {
        const rows = history.byWorkflow[index]?.length ?? 0
        const outcomes = history.byWorkflowOutcome[index] ?? []
        const failed = outcomes[FAILED]?.length ?? 0
        return { spec: workflow.spec.failureRate, rows, observed: failed / Math.max(1, rows) }
      })
      .filter((rate) => rate.rows >= 300)
    expect(rates.length).toBeGreaterThan(5)
    for (const rate of rates) {
      expect(rate.observed).toBeGreaterThanOrEqual(rate.spec * 0.5)
      expect(rate.observed).toBeLessThanOrEqual(rate.spec + 0.12)
    }
    expect(Math.min(...rates.map((rate) => rate.observed))).toBeLessThan(0.03)
    expect(Math.max(...rates.map((rate) => rate.observed))).toBeGreaterThan(0.2)
  })

  it('has long-tailed durations: mostly seconds, some minutes', () => {
    const history = data[vendor]
    const durations = Float64Array.from(
      { length: history.count },
      (_, row) => (history.ended[row] ?? 0) - (history.started[row] ?? 0),
    ).sort()
    const quantile = (q: number) => durations[Math.floor(q * (durations.length - 1))] ?? NaN
    expect(quantile(0.5)).toBeGreaterThan(500)
    expect(quantile(0.5)).toBeLessThan(60_000)
    expect(quantile(0.99)).toBeGreaterThan(60_000)
    expect(quantile(0.99) / quantile(0.5)).toBeGreaterThan(10)
  })

  it('has bursts far denser than the average rate', () => {
    const history = data[vendor]
    const bucketMs = 10 * 60_000
    const buckets = new Map<number, number>()
    for (let row = 0; row < history.count; row++) {
      const bucket = Math.floor((history.started[row] ?? 0) / bucketMs)
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1)
    }
    const average = history.count / ((data.untilMs - data.fromMs) / bucketMs)
    expect(Math.max(...buckets.values())).toBeGreaterThan(average * 5)
  })

  it('leaves a workflow without any history, for the empty state', () => {
    expect(data[vendor].byWorkflow.some((list) => list.length === 0)).toBe(true)
  })
})

describe('outcomes and errors', () => {
  it('gives Trigify only completed or failed outcomes, and puq all four final ones', () => {
    const count = (history: VendorHistory, outcome: number) =>
      history.byOutcome[outcome]?.length ?? 0
    expect(count(data.trigify, CANCELLED) + count(data.trigify, PAUSED)).toBe(0)
    for (const outcome of [SUCCEEDED, FAILED, CANCELLED, PAUSED]) {
      expect(count(data.puq, outcome), String(outcome)).toBeGreaterThan(0)
    }
  })

  it('gives failed runs, and only those, an error', () => {
    for (const history of [data.trigify, data.puq]) {
      const mismatched = rowsOf(
        history,
        (row) => (history.outcome[row] === FAILED) !== (history.errorIndex[row] !== noError),
      )
      expect(mismatched).toEqual([])
    }
  })

  it('writes realistic Trigify errors: named steps, HTML, timeouts and one very long text', () => {
    const texts = new Set(
      rowsOf(data.trigify, (row) => data.trigify.outcome[row] === FAILED).map((row) =>
        trigifyErrorText(data.trigify, row),
      ),
    )
    expect(
      [...texts].some((text) =>
        text?.startsWith("Step 'Enrich profile' failed: profile not found: https://"),
      ),
    ).toBe(true)
    expect(
      [...texts].some((text) => text?.includes('<html><body>502 Bad Gateway</body></html>')),
    ).toBe(true)
    expect([...texts].some((text) => text?.includes('timed out'))).toBe(true)
    expect([...texts].some((text) => text !== null && text.length > 2000)).toBe(true)
  })

  it('plants runs in flight at the anchor: running on both vendors, queued on puq', () => {
    for (const history of [data.trigify, data.puq]) {
      expect(
        rowsOf(
          history,
          (row) => (history.started[row] ?? 0) <= anchorMs && (history.ended[row] ?? 0) > anchorMs,
        ).length,
      ).toBeGreaterThan(0)
    }
    const queued = rowsOf(
      data.puq,
      (row) => (data.puq.created[row] ?? 0) <= anchorMs && (data.puq.started[row] ?? 0) > anchorMs,
    )
    expect(queued.length).toBeGreaterThan(0)
  })
})

describe('steps (puq)', () => {
  const sample = () => rowsOf(data.puq, (row) => row % 7 === 0)

  it('plans 2 to 12 steps, trigger first, inside the run’s span', () => {
    for (const row of sample()) {
      const steps = planSteps(data.puq, row, 42)
      if (steps.length < 2 || steps.length > 12)
        throw new Error(`row ${row}: ${steps.length} steps`)
      expect(steps[0]).toMatchObject({ step: 0, attempt: 1 })
      const start = data.puq.started[row] ?? 0
      const end = data.puq.ended[row] ?? 0
      let previousEnd = start
      for (const step of steps) {
        if (step.startMs === null || step.endMs === null) continue
        if (step.startMs < previousEnd || step.endMs < step.startMs || step.endMs > end) {
          throw new Error(
            `row ${row}: step ${step.step} at ${step.startMs}-${step.endMs} outside ${start}-${end}`,
          )
        }
        previousEnd = step.endMs
      }
    }
  })

  it('ends a failed run on a FAILED step carrying the run’s error', () => {
    const failed = sample().filter((row) => data.puq.outcome[row] === FAILED)
    expect(failed.length).toBeGreaterThan(50)
    for (const row of failed) {
      const last = planSteps(data.puq, row, 42).at(-1)
      expect(last?.status).toBe('FAILED')
      expect(last?.error).toBe(errorTextOf(data.puq, row))
    }
  })

  it('retries steps: later attempts of the same step follow failed ones', () => {
    let retried = 0
    for (const row of sample()) {
      const steps = planSteps(data.puq, row, 42)
      steps.forEach((step, index) => {
        if (step.attempt === 1) return
        retried++
        expect(steps[index - 1]).toMatchObject({
          step: step.step,
          attempt: step.attempt - 1,
          status: 'FAILED',
        })
      })
    }
    expect(retried).toBeGreaterThan(20)
  })
})

describe('run ids', () => {
  it('decode back to their row and reject ids never issued', () => {
    const codec = createRunIdCodec(42, 'run_')
    const ids = new Set<string>()
    for (const row of [0, 1, 2, 99, 65_535, 65_536, 999_999, 3_999_999]) {
      const id = codec.encode(row)
      expect(id).toMatch(/^run_[0-9a-z]{7}$/)
      expect(codec.decode(id)).toBe(row)
      ids.add(id)
    }
    expect(ids.size).toBe(8)
    for (const bad of ['run_def456', 'run_ABCDEFG', 'wf_0000000', 'run_zzzzzzz', '']) {
      expect(codec.decode(bad), bad).toBeNull()
    }
  })
})
