/**
 * The normalized model: the only shapes that cross from the server to the browser.
 * The server builds these from vendor JSON; the SPA parses the API's answers with the same
 * schemas, so a drift between the two is a loud parse error, not a silent blank cell.
 */
import * as z from 'zod/mini'
import { runStatusSchema } from './run-status'

/** Vendor ids we accept in URLs and forward upstream (URL-encoded): no slashes, no dots-only. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/
export const idSchema = z
  .string()
  .check(z.regex(idPattern, 'must be 1-128 letters, digits, _ . : or -'))

export const vendorSchema = z.enum(['trigify', 'puq'])
export type Vendor = z.infer<typeof vendorSchema>

const isoTime = z.iso.datetime({ offset: true })
const count = () => z.int().check(z.nonnegative())

/** Where a source's sync stands, for people: the store answers everything else. */
export const sourceSyncSchema = z.object({
  state: z.enum(['backfilling', 'live', 'error']),
  runsStored: count(),
  /** Runs the vendor reports having, once every stream was read once. */
  vendorTotal: z.optional(count()),
  oldestStoredAt: z.optional(isoTime),
  lastSyncAt: z.optional(isoTime),
  /** About how long the backfill has left. */
  etaSeconds: z.optional(count()),
  lastError: z.optional(z.string()),
})
export type SourceSync = z.infer<typeof sourceSyncSchema>

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
    /** The statuses the vendor can report, so filters offer nothing it never sends. */
    statuses: z.array(runStatusSchema),
  }),
  sync: z.optional(sourceSyncSchema),
})
export type Source = z.infer<typeof sourceSchema>

/**
 * The virtual source id that reads every configured source at once:
 * `GET /api/sources/all/runs`, `…/all/runs/export` and `…/all/stats` take the single-source
 * routes' parameters (except `workflow`: a workflow id belongs to one source, so `all` refuses
 * it with a 400 naming it) and list runs of every source newest first, each run keeping its
 * own `source`, so the run drawer opens it at `/api/sources/<run.source>/runs/<run.id>`.
 * `all/workflows` answers an empty list (the all view has no workflow filter); failures,
 * steps and run details exist per source only. No configured source is ever called `all`.
 */
export const allSourcesId = 'all'

export const sourcesResponseSchema = z.object({
  /** The configured sources, in the order the switcher lists them. */
  items: z.array(sourceSchema),
  /**
   * The all-sources view, which the switcher shows first ("All sources"), before `items`.
   * The server always sends it (optional only so that an older answer still parses);
   * `sources` lists the ids it covers, in `items` order.
   */
  all: z.optional(
    z.object({
      id: z.literal(allSourcesId),
      label: z.string(),
      sources: z.array(z.string()),
    }),
  ),
})
export type SourcesResponse = z.infer<typeof sourcesResponseSchema>

export const workflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.optional(z.string()),
  enabled: z.optional(z.boolean()),
})
export type Workflow = z.infer<typeof workflowSchema>

export const workflowsResponseSchema = z.object({ items: z.array(workflowSchema) })
export type WorkflowsResponse = z.infer<typeof workflowsResponseSchema>

export const runSchema = z.object({
  id: z.string(),
  source: z.string(),
  workflowId: z.string(),
  workflowName: z.optional(z.string()),
  status: runStatusSchema,
  /** The vendor's own word for the status, kept so an `unknown` status can still be shown. */
  vendorStatus: z.string(),
  createdAt: z.optional(isoTime),
  startedAt: z.optional(isoTime),
  finishedAt: z.optional(isoTime),
  durationMs: z.optional(z.number().check(z.nonnegative())),
  error: z.optional(z.string()),
  /** Trigify names the failed step only inside the error text; parsed out when it does. */
  failedStep: z.optional(z.string()),
  version: z.optional(z.string()),
  trigger: z.optional(z.string()),
})
export type Run = z.infer<typeof runSchema>

export const stepSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['trigger', 'action']),
  status: runStatusSchema,
  vendorStatus: z.string(),
  attempt: z.int().check(z.minimum(1)),
  error: z.optional(z.string()),
  createdAt: z.optional(isoTime),
  startedAt: z.optional(isoTime),
  finishedAt: z.optional(isoTime),
  durationMs: z.optional(z.number().check(z.nonnegative())),
})
export type Step = z.infer<typeof stepSchema>

export const runDetailSchema = z.extend(runSchema, {
  /** null: the vendor reports no steps (Trigify), not "a run with no steps". */
  steps: z.nullable(z.array(stepSchema)),
  /** A failed run's failure group (`GET …/runs?failure=`); absent until it has one. */
  fingerprint: z.optional(z.string()),
})
export type RunDetail = z.infer<typeof runDetailSchema>

/** Counts per status; a status absent from the object is not known, not zero. */
export const statusCountsSchema = z.partialRecord(runStatusSchema, count())
export type StatusCounts = z.infer<typeof statusCountsSchema>

/**
 * Present when an answer rests on part of the history: the server read the newest
 * `scannedRuns` of `totalRuns` (of the workflow scope) and stopped to spare the vendor's
 * rate limit. `total` on such a page counts matches among the scanned runs only.
 */
export const coverageSchema = z.object({
  complete: z.boolean(),
  scannedRuns: count(),
  totalRuns: z.optional(count()),
  /** Start time of the oldest run scanned. */
  oldestScannedAt: z.optional(isoTime),
})
export type Coverage = z.infer<typeof coverageSchema>

export const runPageSchema = z.object({
  items: z.array(runSchema),
  page: z.int().check(z.minimum(1)),
  pageSize: z.int().check(z.minimum(1), z.maximum(100)),
  total: count(),
  totalPages: count(),
  counts: z.optional(statusCountsSchema),
  coverage: z.optional(coverageSchema),
})
export type RunPage = z.infer<typeof runPageSchema>

/** One bar of the outcomes chart: runs that started in [start, end). */
export const statsBucketSchema = z.object({
  start: isoTime,
  end: isoTime,
  total: count(),
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
  /** The source asked about, or `all` (every configured source, summed). */
  source: z.string(),
  from: isoTime,
  to: isoTime,
  bucket: z.enum(['hour', 'day']),
  timeZone: z.string(),
  buckets: z.array(statsBucketSchema),
  totals: z.object({
    total: count(),
    counts: statusCountsSchema,
    /** failed ÷ (succeeded + failed); null with no finished run to divide by. */
    failureRate: z.nullable(z.number().check(z.minimum(0), z.maximum(1))),
  }),
  /** Durations of finished runs in the window; absent when none reported one. */
  durations: z.optional(
    z.object({
      p50Ms: z.number().check(z.nonnegative()),
      p95Ms: z.number().check(z.nonnegative()),
      sampleSize: z.int().check(z.positive()),
    }),
  ),
  /** The vendor's own totals for the same filters over all time (exact, not windowed). */
  allTime: z.optional(
    z.object({
      total: count(),
      succeeded: z.optional(count()),
      failed: z.optional(count()),
    }),
  ),
  coverage: z.object({
    /** True when every run that started in the window was counted. */
    complete: z.boolean(),
    scannedRuns: count(),
    /** Counts are complete from here to `to`: `from` itself when complete. */
    coveredFrom: isoTime,
    /** Runs in the window with no start or creation time, so in no bucket. */
    undatedRuns: count(),
  }),
})
export type RunStats = z.infer<typeof runStatsSchema>

export const errorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'MISDIRECTED',
  'RATE_LIMITED',
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
    source: z.optional(z.string()),
    retryAfterSeconds: z.optional(z.number().check(z.nonnegative())),
  }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>

export const healthSchema = z.object({
  ok: z.boolean(),
  sources: z.array(
    z.object({
      id: z.string(),
      reachable: z.nullable(z.boolean()),
      lastError: z.optional(z.string()),
      rateLimitRemaining: z.optional(z.int()),
    }),
  ),
})
export type Health = z.infer<typeof healthSchema>
