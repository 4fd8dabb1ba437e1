/**
 * Query parameters of the runs and stats APIs, shared so that the SPA builds exactly the URLs
 * the server accepts. Parsing is strict on the server (a bad value is a 400 naming it).
 */
import { z } from 'zod'
import { runStatusSchema } from './run-status'
import { idSchema } from './model'

export const pageSizes = [10, 20, 50, 100] as const
export const defaultPageSize = 20

export const statsBuckets = ['hour', 'day'] as const
export type StatsBucket = (typeof statsBuckets)[number]

/** The longest window one call may cover, and the most bars a stats answer may hold. */
export const maxWindowDays = 90
export const maxStatsBuckets = 800

/** `status=failed,running`: one or more normalized statuses, comma-separated. */
export const statusListSchema = z
  .string()
  .transform((value) => value.split(',').filter((part) => part !== ''))
  .pipe(z.array(runStatusSchema).min(1))

const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time' })

/** An IANA time zone the runtime knows (`Europe/Berlin`, `UTC`). */
export const timeZoneSchema = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value })
    return true
  } catch {
    return false
  }
}, 'must be an IANA time zone such as UTC or Europe/Berlin')

/** A time window on start times, [from, to): both optional, and sane when both are given. */
function checkWindow(
  value: { from?: string | undefined; to?: string | undefined },
  context: z.RefinementCtx,
): void {
  if (value.from === undefined || value.to === undefined) return
  const span = Date.parse(value.to) - Date.parse(value.from)
  if (span <= 0) {
    context.addIssue({ code: 'custom', path: ['from'], message: 'must be before to' })
  } else if (span > maxWindowDays * 86_400_000) {
    context.addIssue({
      code: 'custom',
      path: ['from'],
      message: `the window from from to to must be at most ${maxWindowDays} days`,
    })
  }
}

export const runsQuerySchema = z
  .object({
    workflow: idSchema.optional(),
    status: statusListSchema.optional(),
    /** Narrow the listing to runs that started in [from, to) (a chart bar, for example). */
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(defaultPageSize),
  })
  .superRefine(checkWindow)
export type RunsQuery = z.infer<typeof runsQuerySchema>

export const runDetailQuerySchema = z.object({
  /** Trigify has no run endpoint: knowing the workflow lets the server find the run fast. */
  workflow: idSchema.optional(),
})

export const statsQuerySchema = z
  .object({
    workflow: idSchema.optional(),
    status: statusListSchema.optional(),
    /** Default: the 7 days up to now. */
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    /** Default: hours for windows up to two days, days beyond. */
    bucket: z.enum(statsBuckets).optional(),
    /** Where day buckets start and end. */
    tz: timeZoneSchema.default('UTC'),
  })
  .superRefine(checkWindow)
export type StatsQuery = z.infer<typeof statsQuerySchema>
