/**
 * The all-sources view as the runs page sees it: a source whose runs are every configured
 * source's. The server announces it in the sources list (`all`); the page reads it like any
 * other source, with the capabilities every source has (the statuses: any that one reports).
 */
import { allSourcesId, type Source, type SourcesResponse } from '../../../shared/model'
import { runStatuses } from '../../../shared/run-status'
import type { RunsSearch } from '../../features/runs/runs-search'

/** The `all` view as a source, or undefined when the server does not offer it. */
export function allSourcesSource(response: SourcesResponse): Source | undefined {
  const { all, items } = response
  const first = items[0]
  if (all === undefined || first === undefined || items.length < 2) return undefined
  const covered = items.filter((item) => all.sources.includes(item.id))
  const every = (has: (source: Source) => boolean) => covered.every(has)
  const statuses = new Set(covered.flatMap((source) => source.capabilities.statuses))
  return {
    id: allSourcesId,
    label: all.label,
    // Errors name a vendor; the first source's is as good a guess as any for a mixed view.
    vendor: first.vendor,
    isDemo: every((source) => source.isDemo),
    capabilities: {
      crossWorkflowListing: true,
      upstreamStatusFilter: every((source) => source.capabilities.upstreamStatusFilter),
      stepDetail: every((source) => source.capabilities.stepDetail),
      exactTotals: every((source) => source.capabilities.exactTotals),
      statuses: runStatuses.filter((status) => statuses.has(status)),
    },
  }
}

/**
 * The URL's search made canonical for its kind of source. On all sources there is no workflow
 * filter (a workflow id belongs to one source) and an open run needs its own source, so a run
 * without one is closed; on one source the run's source is that one, so `runSource` goes.
 */
export function withRunSource(search: RunsSearch, isAllSources: boolean): RunsSearch {
  if (!isAllSources) {
    return search.runSource === undefined ? search : { ...search, runSource: undefined }
  }
  const isRunLost = search.run !== undefined && search.runSource === undefined
  if (search.workflow === undefined && !isRunLost) return search
  return {
    ...search,
    workflow: undefined,
    ...(isRunLost ? { run: undefined, step: undefined } : {}),
  }
}
