/**
 * The all-sources view as the runs page sees it: a source whose runs are every configured
 * source's. The server announces it in the sources list (`all`); the page reads it like any
 * other source, with the capabilities every source has (the statuses: any that one reports).
 */
import { allSourcesId, type Source, type SourcesResponse } from '../../../shared/model'
import { runStatuses } from '../../../shared/run-status'

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
