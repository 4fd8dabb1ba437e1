/** One page of runs for a source, filtered on the server (never paged in the browser). */
import { runPageSchema, type RunPage } from '../../../../shared/model'
import type { RunStatus } from '../../../../shared/run-status'
import { apiGet } from '../../../lib/api-client'
import { runsApiPath } from '../../../../shared/api-path'

export type RunFilters = {
  source: string
  workflow?: string
  status?: RunStatus[]
  /** One failure group's fingerprint. */
  failure?: string
  /** Runs that started in [from, to): a chart bar's window. */
  from?: string
  to?: string
  page: number
  pageSize: number
}

export function fetchRuns(
  filters: RunFilters,
  options: { signal?: AbortSignal } = {},
): Promise<RunPage> {
  const path = runsApiPath(filters)
  return apiGet(path, runPageSchema, options)
}
