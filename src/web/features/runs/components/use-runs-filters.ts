/**
 * The list request the URL asks for. A preset range's start moves with the clock by whole
 * minutes (see shared/run-range.ts): the filters change once a minute, and only under a preset.
 */
import { useMemo } from 'react'
import { runsListParams } from '../../../../shared/runs-view'
import { useNow } from '../../../lib/use-now'
import type { RunFilters } from '../api/fetch-runs'
import type { RunsSearch } from '../runs-search'

export function useRunsFilters(search: RunsSearch, sourceId: string) {
  const now = useNow(30_000)
  const rangeMinute = search.range === undefined ? 0 : Math.floor(now / 60_000) * 60_000
  const filters = useMemo<RunFilters>(
    () => runsListParams({ ...search, source: sourceId }, rangeMinute),
    [search, sourceId, rangeMinute],
  )
  /** Names the view (filters, page included) for state that holds only within it. */
  const viewKey = JSON.stringify(filters)
  return { now, filters, viewKey }
}
