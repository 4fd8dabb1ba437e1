/** One page of runs for a source, filtered on the server (never paged in the browser). */
import { runPageSchema, type RunPage } from '../../../../shared/model'
import type { RunSort } from '../../../../shared/api-params'
import type { RunStatus } from '../../../../shared/run-status'
import { apiGet } from '../../../lib/api-client'
import { runsApiPath } from '../../../../shared/api-path'

export type RunFilters = {
  source: string
  /** The search box: a run id (or its start), or words of the error text and workflow name. */
  q?: string | undefined
  workflow?: string | undefined
  status?: RunStatus[] | undefined
  /** One failure group's fingerprint. */
  failure?: string | undefined
  /** Runs that started in [from, to): a preset's start, a custom range or a chart bar. */
  from?: string | undefined
  to?: string | undefined
  /** Undefined for the default order, newest first. */
  sort?: Exclude<RunSort, '-started'> | undefined
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
