/**
 * Query parameters of the runs and stats APIs, shared so that the SPA builds exactly the URLs
 * the server accepts. Parsing is strict on the server (a bad value is a 400 naming it).
 */
import * as z from 'zod/mini'
import { runStatusSchema } from './run-status'
import { idSchema } from './model'

export const pageSizes = [10, 20, 50, 100] as const
export const defaultPageSize = 20

export const statsBuckets = ['hour', 'day'] as const
export type StatsBucket = (typeof statsBuckets)[number]

/** The longest window one call may cover, and the most bars a stats answer may hold (the
 * server checks both once `from`/`to` have their defaults; see stats/window-answers.ts). */
export const maxWindowDays = 90
export const maxStatsBuckets = 800

/** `status=failed,running`: one or more normalized statuses, comma-separated. */
export const statusListSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((value: string) => value.split(',').filter((part) => part !== '')),
  ),
  z.array(runStatusSchema).check(z.minLength(1)),
)

const instantMessage = 'must be an ISO 8601 time with a zone, such as 2026-01-10T02:00:00Z'

/**
 * An ISO 8601 instant: a zone (`Z` or an offset) is required, since a time without one means a
 * different instant in every browser; seconds and their fraction are optional
 * (`2026-01-10T02:00+01:00` is what a datetime-local input yields plus its zone).
 */
export const isoInstantSchema = z.union(
  [z.iso.datetime({ offset: true }), z.iso.datetime({ offset: true, precision: -1 })],
  { error: instantMessage },
)
const isoInstant = isoInstantSchema

/** An IANA time zone the runtime knows (`Europe/Berlin`, `UTC`). */
export const timeZoneSchema = z.string().check(
  z.refine((value) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value })
      return true
    } catch {
      return false
    }
  }, 'must be an IANA time zone such as UTC or Europe/Berlin'),
)

/**
 * A whole number in [min, max] from a query string (`?page=2`), written in plain decimal.
 * `Number()` alone would also take `0x10`, `1e5`, ` 5`, `+5` and `5.0`: other spellings of a
 * page make other cache keys and links for the same view, so they are refused, not read.
 */
const wholeNumber = (min: number, max: number) =>
  z.pipe(
    z.pipe(
      z.string().check(z.regex(/^(0|[1-9]\d*)$/, 'must be a whole number')),
      z.transform(Number),
    ),
    z.int().check(z.minimum(min), z.maximum(max)),
  )

/** A failure group's key as `fingerprintOf` makes it: the rule's version, then 16 hex digits. */
export const fingerprintSchema = z
  .string()
  .check(
    z.regex(
      /^v[1-9]\d*:[0-9a-f]{16}$/,
      'must be a failure fingerprint such as v1:0123456789abcdef',
    ),
  )

/** Listing orders: by start time or by duration, `-` for descending. */
export const runSorts = ['-started', 'started', '-duration', 'duration'] as const
export type RunSort = (typeof runSorts)[number]
export const defaultRunSort: RunSort = '-started'

/** `q`: a run id (or its start), or words of the error text and workflow name. */
export const searchSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(200))

export const runsQuerySchema = z.object({
  q: z.optional(searchSchema),
  workflow: z.optional(idSchema),
  status: z.optional(statusListSchema),
  /** Only the runs of one failure group (`GET …/failures`), with every other filter. */
  failure: z.optional(fingerprintSchema),
  /** Narrow the listing to runs that started in [from, to) (a chart bar, for example). */
  from: z.optional(isoInstant),
  to: z.optional(isoInstant),
  /** Runs without a duration (still running, or never told) list last in either direction. */
  sort: z._default(z.enum(runSorts), defaultRunSort),
  page: z._default(wholeNumber(1, 100_000), 1),
  pageSize: z._default(wholeNumber(1, 100), defaultPageSize),
})
export type RunsQuery = z.infer<typeof runsQuerySchema>

export const exportFormats = ['csv', 'ndjson'] as const
export type ExportFormat = (typeof exportFormats)[number]

/** The runs listing's filters (not its page or order: an export is every match, newest first). */
export const runsExportQuerySchema = z.object({
  format: z.enum(exportFormats),
  q: z.optional(searchSchema),
  workflow: z.optional(idSchema),
  status: z.optional(statusListSchema),
  failure: z.optional(fingerprintSchema),
  from: z.optional(isoInstant),
  to: z.optional(isoInstant),
})
export type RunsExportQuery = z.infer<typeof runsExportQuerySchema>

export const runDetailQuerySchema = z.object({
  /** Trigify has no run endpoint: knowing the workflow lets the server find the run fast. */
  workflow: z.optional(idSchema),
})

export const statsQuerySchema = z.object({
  workflow: z.optional(idSchema),
  status: z.optional(statusListSchema),
  /** Default: the 7 days up to now. */
  from: z.optional(isoInstant),
  to: z.optional(isoInstant),
  /** Default: hours for windows up to two days, days beyond. */
  bucket: z.optional(z.enum(statsBuckets)),
  /** Where day buckets start and end. */
  tz: z._default(timeZoneSchema, 'UTC'),
})
export type StatsQuery = z.infer<typeof statsQuerySchema>

/** The failure inbox and the steps table: one workflow or all, over a window. */
const windowQuery = {
  workflow: z.optional(idSchema),
  /** Default: the 7 days up to now. */
  from: z.optional(isoInstant),
  to: z.optional(isoInstant),
}

export const failuresQuerySchema = z.object(windowQuery)
export type FailuresQuery = z.infer<typeof failuresQuerySchema>

export const stepsQuerySchema = z.object(windowQuery)
export type StepsQuery = z.infer<typeof stepsQuerySchema>
