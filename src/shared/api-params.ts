/**
 * Query parameters of the runs API, shared so that the SPA builds exactly the URLs the
 * server accepts. Parsing is strict on the server (a bad value is a 400 naming it).
 */
import { z } from 'zod'
import { runStatusSchema } from './run-status'
import { idSchema } from './model'

export const pageSizes = [10, 20, 50, 100] as const
export const defaultPageSize = 20

/** `status=failed,running`: one or more normalized statuses, comma-separated. */
export const statusListSchema = z
  .string()
  .transform((value) => value.split(',').filter((part) => part !== ''))
  .pipe(z.array(runStatusSchema).min(1))

export const runsQuerySchema = z.object({
  workflow: idSchema.optional(),
  status: statusListSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(defaultPageSize),
})
export type RunsQuery = z.infer<typeof runsQuerySchema>

export const runDetailQuerySchema = z.object({
  /** Trigify has no run endpoint: knowing the workflow lets the server find the run fast. */
  workflow: idSchema.optional(),
})
