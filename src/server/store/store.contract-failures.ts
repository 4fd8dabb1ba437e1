/**
 * The store contract, failure inbox part (issue 13): fingerprints kept on write and cleared
 * with the failure, groups with all-time first and last seen, a group's runs through every
 * other filter, and step figures. Counts and times are literals worked out from the fixtures;
 * only the fingerprint keys come from `fingerprintOf`, the rule the store is meant to apply.
 */
import { describe, expect, it } from 'vitest'
import type { Step } from '../../shared/model'
import { fingerprintOf } from '../failures/fingerprint'
import {
  at,
  day,
  ids,
  minute,
  run,
  T0,
  useStores,
  type OpenStore,
} from './testing/contract-fixtures'

const enrich429 = (request: string) =>
  `Step 'Enrich' failed: HTTP 429 Too Many Requests (request ${request})`
const fpA = fingerprintOf({
  source: 's1',
  workflowId: 'wf-a',
  failedStep: 'Enrich',
  error: enrich429('req_9f3c0a1b22'),
})
const fpB = fingerprintOf({
  source: 's1',
  workflowId: 'wf-a',
  failedStep: 'Enrich',
  error: "Step 'Enrich' failed: HTTP 502 Bad Gateway",
})
const templateError = 'Invalid template variable "customer_name" at row 12'
const fpC = fingerprintOf({ source: 's1', workflowId: 'wf-b', error: templateError })

const failed = (id: string, minutes: number | undefined, error: string, step?: string) =>
  run(id, minutes, {
    status: 'failed',
    vendorStatus: 'FAILED',
    error,
    ...(step === undefined ? {} : { failedStep: step }),
  })

/** Three causes over three days, one occurrence of A the day before, successes around. */
const history = [
  failed('a0', -day / minute + 30, enrich429('req_00aa11bb22'), 'Enrich'),
  failed('a1', 10, enrich429('req_9f3c0a1b22'), 'Enrich'),
  failed('a2', day / minute + 10, enrich429('req_77ccdd8899'), 'Enrich'),
  failed('b1', (2 * day) / minute + 5, "Step 'Enrich' failed: HTTP 502 Bad Gateway", 'Enrich'),
  {
    ...failed('c1', 20, templateError),
    workflowId: 'wf-b',
    workflowName: 'Invoices',
    version: 'v7',
  },
  failed('undated', undefined, enrich429('req_12345678ab')),
  run('ok1', 11),
  run('ok2', 12, { workflowId: 'wf-b' }),
  run('live', 13, { status: 'running', vendorStatus: 'RUNNING' }),
]

const window = { sources: ['s1'], fromMs: T0, toMs: T0 + 3 * day }

const step = (name: string, fields: Partial<Step>): Step => ({
  id: `${name}-${fields.attempt ?? 1}`,
  name,
  kind: name === 'trigger' ? 'trigger' : 'action',
  status: 'succeeded',
  vendorStatus: 'SUCCESS',
  attempt: 1,
  ...fields,
})

export function describeFailuresContract(name: string, open: OpenStore): void {
  describe(`RunStore contract, failures: ${name}`, () => {
    const fresh = useStores(open)

    it('groups a window by fingerprint, first and last seen over all history', async () => {
      const store = await fresh()
      await store.write({ source: 's1', runs: history })
      const { groups, totalFailed, withoutDetail } = await store.failureGroups(window)
      expect(totalFailed).toBe(4)
      expect(withoutDetail).toBe(4)
      expect(groups.map((g) => [g.fingerprint, g.count])).toEqual([
        [fpA, 2],
        [fpB, 1],
        [fpC, 1],
      ])
      expect(groups[0]).toEqual({
        fingerprint: fpA,
        source: 's1',
        workflowId: 'wf-a',
        workflowName: null,
        step: 'Enrich',
        message: "Step '<value>' failed: HTTP 429 Too Many Requests (request <id>)",
        sample: enrich429('req_77ccdd8899'),
        count: 2,
        firstSeenMs: T0 - day + 30 * minute,
        lastSeenMs: T0 + day + 10 * minute,
        daily: [
          { dayMs: T0, count: 1 },
          { dayMs: T0 + day, count: 1 },
        ],
        versions: [],
      })
      expect(groups[2]).toMatchObject({
        workflowId: 'wf-b',
        workflowName: 'Invoices',
        step: null,
        message: 'Invalid template variable "<value>" at row <n>',
        firstSeenMs: T0 + 20 * minute,
        daily: [{ dayMs: T0, count: 1 }],
        versions: ['v7'],
      })
      const wfB = await store.failureGroups({ ...window, workflow: 'wf-b' })
      expect(wfB.groups.map((g) => g.fingerprint)).toEqual([fpC])
      expect(wfB.totalFailed).toBe(1)
      expect(await store.failureGroups({ ...window, sources: [] })).toEqual({
        groups: [],
        totalFailed: 0,
        withoutDetail: 0,
      })
    })

    it("lists exactly a group's runs, combined with every other filter", async () => {
      const store = await fresh()
      await store.write({ source: 's1', runs: history })
      const page = (filter: object, offset = 0, limit = 10) =>
        store.listRuns({ sources: ['s1'], failure: fpA, ...filter }, { offset, limit })
      const all = await page({})
      expect(ids(all.items)).toEqual(['a2', 'a1', 'a0'])
      expect(all.total).toBe(3)
      expect(all.counts).toMatchObject({ failed: 3, succeeded: 0, running: 0 })
      expect(ids((await page({}, 1, 1)).items)).toEqual(['a1'])
      expect(ids((await page({}, 2, 5)).items)).toEqual(['a0'])
      const inWindow = await page({ fromMs: T0, toMs: T0 + 3 * day })
      expect(ids(inWindow.items)).toEqual(['a2', 'a1'])
      expect(inWindow.total).toBe(2)
      const otherWorkflow = await page({ workflow: 'wf-b' })
      expect(otherWorkflow.total).toBe(0)
      const succeeded = await page({ status: ['succeeded'] })
      expect(succeeded.total).toBe(0)
      expect(succeeded.items).toEqual([])
      expect(succeeded.counts).toMatchObject({ failed: 3 })
      expect(await store.countUndated({ sources: ['s1'], failure: fpA })).toBe(0)
      const chunks: string[] = []
      for await (const chunk of store.iterateRuns({ sources: ['s1'], failure: fpA }, 2)) {
        chunks.push(...ids(chunk))
      }
      expect(chunks).toEqual(['a2', 'a1', 'a0'])
    })

    it('clears the fingerprint when a run stops failing, and regroups a new cause', async () => {
      const store = await fresh()
      await store.write({ source: 's1', runs: history })
      await store.write({ source: 's1', runs: [run('a1', 10)] })
      expect(
        (await store.listRuns({ sources: ['s1'], failure: fpA }, { offset: 0, limit: 10 })).total,
      ).toBe(2)
      await store.write({
        source: 's1',
        runs: [failed('a1', 10, "Step 'Enrich' failed: HTTP 502 Bad Gateway", 'Enrich')],
      })
      const { groups, totalFailed } = await store.failureGroups(window)
      expect(groups.map((g) => [g.fingerprint, g.count])).toEqual([
        [fpB, 2],
        [fpA, 1],
        [fpC, 1],
      ])
      expect(totalFailed).toBe(4)
    })

    it('fingerprints the cause a listing leaves after a detail read (puq)', async () => {
      const store = await fresh()
      const listed = (error: string) => failed('p1', 5, error)
      const fp = (failedStep: string | undefined, error: string) =>
        fingerprintOf({ source: 's1', workflowId: 'wf-a', failedStep, error })
      const only = async () => (await store.failureGroups(window)).groups.map((g) => g.fingerprint)
      await store.write({ source: 's1', runs: [listed('boom 42')] })
      expect(await only()).toEqual([fp(undefined, 'boom 42')])
      await store.write({ source: 's1', runs: [failed('p1', 5, 'boom 42', 'classify')] })
      expect(await only()).toEqual([fp('classify', 'boom 42')])
      // Listed again without the step: the detail's step is kept, so is its fingerprint.
      await store.write({ source: 's1', runs: [listed('boom 42')] })
      expect(await only()).toEqual([fp('classify', 'boom 42')])
      // A new error with the kept step: fingerprinted from the merged row.
      await store.write({ source: 's1', runs: [listed('timeout after 30s')] })
      await store.write({ source: 's1', steps: [{ runId: 'p1', steps: [] }] })
      const { groups, withoutDetail } = await store.failureGroups(window)
      expect(withoutDetail).toBe(0)
      const [group] = groups
      expect(group).toMatchObject({
        fingerprint: fp('classify', 'timeout after 30s'),
        step: 'classify',
        message: 'timeout after <duration>',
        sample: 'timeout after 30s',
        count: 1,
      })
    })

    it('reads step figures from step detail, and failures per step from errors', async () => {
      const store = await fresh()
      await store.write({
        source: 's1',
        runs: [
          failed('r1', 1, 'label set is empty', 'classify'),
          run('r2', 2),
          run('r3', 3),
          failed('t1', 4, "Step 'Enrich' failed: boom", 'Enrich'),
          failed('t2', 5, 'no step named'),
        ],
        steps: [
          {
            runId: 'r1',
            steps: [
              step('trigger', { durationMs: 5 }),
              step('fetch', { status: 'failed', vendorStatus: 'ERROR', durationMs: 900 }),
              step('fetch', { attempt: 2, durationMs: 100 }),
              step('classify', { status: 'failed', vendorStatus: 'ERROR', durationMs: 50 }),
            ],
          },
          {
            runId: 'r2',
            steps: [step('trigger', { durationMs: 7 }), step('fetch', { durationMs: 300 })],
          },
        ],
      })
      const bySteps = await store.stepStats(window, 'steps')
      expect(bySteps).toEqual({
        basis: 'steps',
        runsRead: 2,
        steps: [
          {
            workflowId: 'wf-a',
            step: 'classify',
            runs: 1,
            failures: 1,
            retried: 0,
            p50Ms: 50,
            p95Ms: 50,
          },
          {
            workflowId: 'wf-a',
            step: 'fetch',
            runs: 2,
            failures: 0,
            retried: 1,
            p50Ms: 100,
            p95Ms: 300,
          },
          {
            workflowId: 'wf-a',
            step: 'trigger',
            runs: 2,
            failures: 0,
            retried: 0,
            p50Ms: 5,
            p95Ms: 7,
          },
        ],
      })
      const byErrors = await store.stepStats(window, 'errors-only')
      expect(byErrors).toEqual({
        basis: 'errors-only',
        runsRead: 3,
        steps: [
          {
            workflowId: 'wf-a',
            step: 'Enrich',
            runs: null,
            failures: 1,
            retried: null,
            p50Ms: null,
            p95Ms: null,
          },
          {
            workflowId: 'wf-a',
            step: 'classify',
            runs: null,
            failures: 1,
            retried: null,
            p50Ms: null,
            p95Ms: null,
          },
        ],
      })
      expect(at(0)).toBe(new Date(T0).toISOString())
    })
  })
}
