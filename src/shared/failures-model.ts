/**
 * The failure inbox's answers (issue 13): failed runs grouped by cause, and per-step figures.
 * Shared like `model.ts`, so the SPA parses exactly what the server sends.
 */
import * as z from 'zod/mini'
import { coverageSchema } from './model'

const isoTime = z.iso.datetime({ offset: true })
const count = () => z.int().check(z.nonnegative())
const ms = () => z.number().check(z.nonnegative())

export const failureGroupSchema = z.object({
  /** `v1:…`: the key of `GET …/runs?failure=`. */
  fingerprint: z.string(),
  workflowId: z.string(),
  workflowName: z.optional(z.string()),
  /** The step that failed, when the vendor or the error names one. */
  step: z.optional(z.string()),
  /** The normalized error the group's runs share (ids, numbers, times masked). */
  message: z.string(),
  /** The raw error of the group's newest run in the window. */
  sample: z.optional(z.string()),
  /** Failed runs of the group in the window. */
  count: z.int().check(z.positive()),
  /** Over every stored run of the group, not only the window's. */
  firstSeenAt: isoTime,
  lastSeenAt: isoTime,
  /** Every UTC day the window touches, oldest first, zeros included (a sparkline's points). */
  daily: z.array(z.object({ day: z.iso.date(), count: count() })),
  /** The vendor versions (puq) the group's runs in the window ran on. */
  versions: z.array(z.string()),
  /** First seen inside the window: a cause that is new. */
  isNew: z.boolean(),
})
export type FailureGroup = z.infer<typeof failureGroupSchema>

export const failuresResponseSchema = z.object({
  from: isoTime,
  to: isoTime,
  /** By count, then last seen, newest first. */
  groups: z.array(failureGroupSchema),
  /** Every failed run in the window: the groups' counts add up to it. */
  totalFailed: count(),
  /**
   * Sources with step detail (puq): failed runs of the window whose detail the sync has not
   * read yet. Their group rests on the listing alone (puq lists no error or step), so they
   * move to their cause's group once read; zero means every group is final.
   */
  awaitingDetail: z.optional(count()),
  coverage: z.optional(coverageSchema),
})
export type FailuresResponse = z.infer<typeof failuresResponseSchema>

export const stepStatSchema = z.object({
  workflowId: z.string(),
  step: z.string(),
  /** Runs that reached the step; null on the errors-only basis (it cannot tell). */
  runs: z.nullable(count()),
  /** Runs whose last attempt of the step failed. */
  failures: count(),
  /** failures ÷ runs; null when runs is unknown. */
  failureRate: z.nullable(z.number().check(z.minimum(0), z.maximum(1))),
  /** Runs that needed more than one attempt; null on the errors-only basis. */
  retried: z.nullable(count()),
  /** Durations of the step's last attempt, nearest rank; null without any. */
  p50Ms: z.nullable(ms()),
  p95Ms: z.nullable(ms()),
})
export type StepStat = z.infer<typeof stepStatSchema>

export const stepsResponseSchema = z.object({
  from: isoTime,
  to: isoTime,
  /**
   * `steps`: from each run's step detail (puq; runs whose steps were read). `errors-only`:
   * the vendor lists no steps (Trigify), so only failures per step, as its errors name them.
   */
  basis: z.enum(['steps', 'errors-only']),
  /** Runs the figures rest on: with step detail, or failed (errors-only). */
  runsRead: count(),
  /** Worst first: failure rate, then failures. */
  steps: z.array(stepStatSchema),
  coverage: z.optional(coverageSchema),
})
export type StepsResponse = z.infer<typeof stepsResponseSchema>
