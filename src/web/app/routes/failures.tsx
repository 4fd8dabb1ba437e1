/**
 * `/failures`: the failure inbox. Corrects an invalid URL in place (replace) like the runs
 * route, resolves the source from the sources list, and composes the failures feature with
 * the links into the runs table (another feature's URL), which the features cannot build
 * for each other.
 */
import { useQuery } from '@tanstack/react-query'
import { useEffect, useLayoutEffect } from 'react'
import { Button } from '../../components/ui/button'
import { Skeleton } from '../../components/ui/skeleton'
import { describeError } from '../../lib/describe-error'
import { hrefOf, useHistory, useLocation } from '../../lib/navigation'
import { sourceQueries } from '../../features/sources/api/fetch-sources'
import { SyncBanner } from '../../features/sources/components/sync-banner'
import { FailuresPage } from '../../features/failures/components/failures-page'
import { failuresHref } from '../../features/failures/failures-search'
import { useFailuresSearch } from '../../features/failures/use-failures-search'
import { parseRunsSearch, runsHref } from '../../features/runs/runs-search'

export function FailuresRoute() {
  const search = useFailuresSearch()
  const history = useHistory()
  const location = useLocation()
  const sources = useQuery(sourceQueries.list())

  const canonical = failuresHref(search)
  const current = hrefOf(location)
  useLayoutEffect(() => {
    if (canonical !== current) history.replace(canonical)
  }, [canonical, current, history])

  const items = sources.data?.items
  const first = items?.[0]
  const source = items?.find((candidate) => candidate.id === search.source)
  useLayoutEffect(() => {
    if (first === undefined || source !== undefined) return
    // Another source's workflow ids mean nothing on this one.
    history.replace(failuresHref({ ...search, source: first.id, workflow: undefined }))
  }, [first, source, search, history])

  useEffect(() => {
    document.title = source ? `Failures · ${source.label} · Runboard` : 'Failures · Runboard'
  }, [source])

  if (sources.isError) {
    return (
      <div
        role="alert"
        className="mx-auto flex max-w-lg flex-col items-center gap-3 px-6 py-20 text-center"
      >
        <p className="text-base font-medium">Runboard could not load its sources.</p>
        <p className="text-fg-muted">{describeError(sources.error).title}</p>
        <Button onClick={() => void sources.refetch()} disabled={sources.isFetching}>
          {sources.isFetching ? 'Retrying…' : 'Retry'}
        </Button>
      </div>
    )
  }
  if (sources.isPending || (first !== undefined && source === undefined)) {
    return <FailuresRoutePending />
  }
  if (!source) {
    return (
      <div className="mx-auto max-w-lg px-6 py-20 text-center">
        <p className="text-base font-medium">No sources are configured.</p>
      </div>
    )
  }
  return (
    <FailuresPage
      key={source.id}
      source={source}
      search={search}
      notice={<SyncBanner sync={source.sync} label={source.label} />}
      onWindowChange={(window) => history.replace(failuresHref({ ...search, window }))}
      runsOfGroup={(group, window) =>
        runsHref(
          parseRunsSearch({
            source: source.id,
            failure: group.fingerprint,
            // The group's count is over the window: the table shows exactly those runs.
            from: window.from,
            to: window.to,
            tz: search.tz,
            window: search.window,
          }),
        )
      }
    />
  )
}

function FailuresRoutePending() {
  return (
    <div
      className="mx-auto flex w-full max-w-[1400px] flex-col gap-4 px-4 py-5 sm:px-6"
      aria-busy="true"
      aria-label="Loading failures"
    >
      <div className="space-y-2">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="h-4 w-56" />
      </div>
      <Skeleton className="h-64 w-full rounded-lg" />
    </div>
  )
}
