/**
 * What a deep link to `/runs` asks for before its page has rendered: its rows, its source's
 * workflows and its open run. The route asks on mount, alongside the sources, instead of after
 * them; the server asks before its first render, so that one render has all the page shows.
 */
import type { QueryClient } from '@tanstack/react-query'
import { allSourcesId } from '../../../shared/model'
import { runsListParams } from '../../../shared/runs-view'
import { runDetailQueries } from '../../features/run-detail/api/run-detail-queries'
import { runQueries } from '../../features/runs/api/run-queries'
import type { RunsSearch } from '../../features/runs/runs-search'

export function askDeepLink(
  client: QueryClient,
  search: RunsSearch,
  nowMs: number,
): Promise<unknown>[] {
  const { source } = search
  if (source === undefined) return []
  const asks: Promise<unknown>[] = [
    client.query(runQueries.list(runsListParams({ ...search, source }, nowMs))),
    client.query(runQueries.workflows(source)),
  ]
  // A run opened from all sources is asked of its own source (the URL says which).
  const runSource = source === allSourcesId ? search.runSource : source
  if (search.run !== undefined && runSource !== undefined) {
    asks.push(client.query(runDetailQueries.detail({ source: runSource, runId: search.run })))
  }
  return asks
}
