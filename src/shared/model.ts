/**
 * The normalized model: the only shapes that cross from the server to the browser.
 * The server builds these from vendor JSON; the SPA parses the API's answers with the same
 * schemas, so a drift between the two is a loud parse error, not a silent blank cell.
 */
import { z } from 'zod'
import { runStatusSchema } from './run-status'

/** Vendor ids we accept in URLs and forward upstream (URL-encoded): no slashes, no dots-only. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/
export const idSchema = z.string().regex(idPattern, 'must be 1-128 letters, digits, _ . : or -')

export const vendorSchema = z.enum(['trigify', 'puq'])
export type Vendor = z.infer<typeof vendorSchema>

const isoTime = z.iso.datetime({ offset: true })

export const sourceSchema = z.object({
  id: z.string(),
  label: z.string(),
  vendor: vendorSchema,
  isDemo: z.boolean(),
  capabilities: z.object({
    /** One upstream call lists runs of every workflow (puq); otherwise the server merges. */
    crossWorkflowListing: z.boolean(),
    /** The vendor filters by status itself; otherwise the server scans pages. */
    upstreamStatusFilter: z.boolean(),
    /** The vendor reports steps per run. */
    stepDetail: z.boolean(),
    /** Totals per status are exact for any filter. */
    exactTotals: z.boolean(),
  }),
})
export type Source = z.infer<typeof sourceSchema>

export const sourcesResponseSchema = z.object({ items: z.array(sourceSchema) })
export type SourcesResponse = z.infer<typeof sourcesResponseSchema>

export const workflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  enabled: z.boolean().optional(),
})
export type Workflow = z.infer<typeof workflowSchema>

export const workflowsResponseSchema = z.object({ items: z.array(workflowSchema) })
export type WorkflowsResponse = z.infer<typeof workflowsResponseSchema>

export const runSchema = z.object({
  id: z.string(),
  source: z.string(),
  workflowId: z.string(),
  workflowName: z.string().optional(),
  status: runStatusSchema,
  /** The vendor's own word for the status, kept so an `unknown` status can still be shown. */
  vendorStatus: z.string(),
  createdAt: isoTime.optional(),
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  durationMs: z.number().nonnegative().optional(),
  error: z.string().optional(),
  /** Trigify names the failed step only inside the error text; parsed out when it does. */
  failedStep: z.string().optional(),
  version: z.string().optional(),
  trigger: z.string().optional(),
})
export type Run = z.infer<typeof runSchema>

export const stepSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['trigger', 'action']),
  status: runStatusSchema,
  vendorStatus: z.string(),
  attempt: z.number().int().min(1),
  error: z.string().optional(),
  createdAt: isoTime.optional(),
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  durationMs: z.number().nonnegative().optional(),
})
export type Step = z.infer<typeof stepSchema>

export const runDetailSchema = runSchema.extend({
  /** null: the vendor reports no steps (Trigify), not "a run with no steps". */
  steps: z.array(stepSchema).nullable(),
})
export type RunDetail = z.infer<typeof runDetailSchema>

/** Counts per status; a status absent from the object is not known, not zero. */
export const statusCountsSchema = z.partialRecord(runStatusSchema, z.number().int().nonnegative())
export type StatusCounts = z.infer<typeof statusCountsSchema>

/**
 * Present when an answer rests on part of the history: the server read the newest
 * `scannedRuns` of `totalRuns` (of the workflow scope) and stopped to spare the vendor's
 * rate limit. `total` on such a page counts matches among the scanned runs only.
 */
export const coverageSchema = z.object({
  complete: z.boolean(),
  scannedRuns: z.number().int().nonnegative(),
  totalRuns: z.number().int().nonnegative().optional(),
  /** Start time of the oldest run scanned. */
  oldestScannedAt: isoTime.optional(),
})
export type Coverage = z.infer<typeof coverageSchema>

export const runPageSchema = z.object({
  items: z.array(runSchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(100),
  total: z.number().int().nonnegative(),
  totalPages: z.number().int().nonnegative(),
  counts: statusCountsSchema.optional(),
  coverage: coverageSchema.optional(),
})
export type RunPage = z.infer<typeof runPageSchema>

/** One bar of the outcomes chart: runs that started in [start, end). */
export const statsBucketSchema = z.object({
  start: isoTime,
  end: isoTime,
  total: z.number().int().nonnegative(),
  /** Every status, zeros included: an empty bucket is a real zero once it is covered. */
  counts: statusCountsSchema,
})
export type StatsBucketCounts = z.infer<typeof statsBucketSchema>

/**
 * Outcome counts over a time window. Both vendors list newest first with no time filter, so
 * the server reads pages back to `from` within a request budget; `coverage` says how far it got.
 * Counts for buckets that end after `coverage.coveredFrom` are exact.
 */
export const runStatsSchema = z.object({
  source: z.string(),
  from: isoTime,
  to: isoTime,
  bucket: z.enum(['hour', 'day']),
  timeZone: z.string(),
  buckets: z.array(statsBucketSchema),
  totals: z.object({
    total: z.number().int().nonnegative(),
    counts: statusCountsSchema,
    /** failed ÷ (succeeded + failed); null with no finished run to divide by. */
    failureRate: z.number().min(0).max(1).nullable(),
  }),
  /** Durations of finished runs in the window; absent when none reported one. */
  durations: z
    .object({
      p50Ms: z.number().nonnegative(),
      p95Ms: z.number().nonnegative(),
      sampleSize: z.number().int().positive(),
    })
    .optional(),
  /** The vendor's own totals for the same filters over all time (exact, not windowed). */
  allTime: z
    .object({
      total: z.number().int().nonnegative(),
      succeeded: z.number().int().nonnegative().optional(),
      failed: z.number().int().nonnegative().optional(),
    })
    .optional(),
  coverage: z.object({
    /** True when every run that started in the window was counted. */
    complete: z.boolean(),
    scannedRuns: z.number().int().nonnegative(),
    /** Counts are complete from here to `to`: `from` itself when complete. */
    coveredFrom: isoTime,
    /** Runs in the window with no start or creation time, so in no bucket. */
    undatedRuns: z.number().int().nonnegative(),
  }),
})
export type RunStats = z.infer<typeof runStatsSchema>

export const errorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UPSTREAM_AUTH',
  'UPSTREAM_FORBIDDEN',
  'UPSTREAM_RATE_LIMITED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_BAD_DATA',
  'INTERNAL',
] as const
export const errorCodeSchema = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof errorCodeSchema>

export const apiErrorSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    source: z.string().optional(),
    retryAfterSeconds: z.number().nonnegative().optional(),
  }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>

export const healthSchema = z.object({
  ok: z.boolean(),
  sources: z.array(
    z.object({
      id: z.string(),
      reachable: z.boolean().nullable(),
      lastError: z.string().optional(),
      rateLimitRemaining: z.number().int().optional(),
    }),
  ),
})
export type Health = z.infer<typeof healthSchema>
