/**
 * `/runs`: corrects the URL when it was invalid (replace, so back never returns to it) and says
 * what it could not use, starts the runs request before the sources have answered on a deep
 * link, and composes the sources, runs, outcomes and run-detail features, which do not import
 * each other.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Suspense, useEffect, useMemo } from 'react'
import { Button } from '../../components/ui/button'
import { Skeleton } from '../../components/ui/skeleton'
import { describeError } from '../../lib/describe-error'
import type { OutcomeWindow } from '../../lib/outcome-windows'
import { preloadableLazy } from '../../lib/preloadable-lazy'
import { useNow } from '../../lib/use-now'
import { presetFrom } from '../../../shared/run-range'
import { sourceQueries } from '../../features/sources/api/fetch-sources'
import { SyncBanner } from '../../features/sources/components/sync-banner'
import { OutcomesPanel } from '../../features/outcomes/components/outcomes-panel'
import type { BucketSelection } from '../../features/outcomes/outcome-figures'
import { RunsPage } from '../../features/runs/components/runs-page'
import { parseRunsSearch, runsHref, type RunsSearch } from '../../features/runs/runs-search'
import { FailureFilterChip } from '../../features/failures/components/failure-filter-chip'
import { SameWayLine } from '../../features/failures/components/same-way-line'
import { failuresHref } from '../../features/failures/failures-search'
import { UrlCorrectionsNotice } from '../../features/runs/components/url-corrections-notice'
import { useCorrectedUrl } from '../../features/runs/use-corrected-url'
import { useRunsSearch, useSetRunsSearch } from '../../features/runs/use-runs-search'
import { shownRunsView } from '../../../shared/runs-view'
import { allSourcesId } from '../../../shared/model'
import { allSourcesSource } from './all-sources'
import { askDeepLink } from './runs-deep-link'

// The drawer (timeline maths, dialog) is not needed for the first rows: it loads when a run
// opens, or before hydrating a page the server rendered it in.
const runDrawer = preloadableLazy('run-drawer', () =>
  import('../../features/run-detail/components/run-drawer').then((module) => ({
    default: module.RunDrawer,
  })),
)
const RunDrawer = runDrawer.Component

/**
 * The chart follows a preset range: its window is the preset's, and the last hour (shorter
 * than any window) shows as the last day with that hour marked. A fixed range keeps the
 * chart's own window, with the range marked where it falls in it.
 */
function chartWindowOf(search: RunsSearch): OutcomeWindow {
  if (search.range === undefined) return search.window
  return search.range === '1h' ? '24h' : search.range
}

const openStart = '1970-01-01T00:00:00.000Z'
const openEnd = '9999-12-31T23:59:59.999Z'

function highlightOf(search: RunsSearch, nowMs: number): BucketSelection | undefined {
  if (search.range === '1h') return { from: presetFrom('1h', nowMs), to: openEnd }
  if (search.from === undefined && search.to === undefined) return undefined
  return { from: search.from ?? openStart, to: search.to ?? openEnd }
}

export function RunsRoute() {
  const search = useRunsSearch()
  const setSearch = useSetRunsSearch()
  const queryClient = useQueryClient()
  const sources = useQuery(sourceQueries.list())
  const now = useNow(60_000)

  const items = sources.data?.items
  const first = items?.[0]
  // "All sources" is known too when the server offers it (first, as the switcher lists it).
  const known = useMemo(() => {
    if (sources.data === undefined) return undefined
    const allSources = allSourcesSource(sources.data)
    return allSources ? [allSources, ...sources.data.items] : sources.data.items
  }, [sources.data])
  const source = known?.find((candidate) => candidate.id === search.source)
  const isAll = source?.id === allSourcesId
  // The view shown: the URL's, on a known source (the first one when it names none or another).
  const shown = useMemo(
    () =>
      known === undefined
        ? search
        : shownRunsView(
            search,
            known.map(({ id }) => id),
          ),
    [known, search],
  )

  // A deep link asks for its rows, workflows and open run now, and for the drawer's code, not
  // after the table and the drawer's chunk have come in one after another. It asks for the
  // view shown, never the URL as written (`source=nope` would ask a source that is not there):
  // the sources come with a server-rendered page, so this is at once; only an unrendered page
  // asks its URL as written ahead of the sources. What is cached and fresh is not asked again.
  useEffect(() => {
    // A failed load is the lazy drawer's to show, and a failed answer its query's: here they
    // are only a head start.
    if (shown.run !== undefined) runDrawer.preload().catch(() => undefined)
    for (const ask of askDeepLink(queryClient, shown, Date.now())) ask.catch(() => undefined)
  }, [queryClient, shown])
  // An invalid or non-canonical URL is rewritten, in place, to that view, saying what changed.
  const { corrections, dismiss } = useCorrectedUrl(search, shown, known)
  // A run opened from all sources is asked of its own source (the URL says which).
  const openRunSource = isAll ? search.runSource : source?.id

  if (sources.isError) {
    const description = describeError(sources.error)
    return (
      <CenteredMessage title="Runboard could not load its sources." detail={description.title}>
        <Button onClick={() => void sources.refetch()} disabled={sources.isFetching}>
          {sources.isFetching ? 'Retrying…' : 'Retry'}
        </Button>
      </CenteredMessage>
    )
  }
  if (sources.isPending) return <RunsPending />
  if (!first) {
    return (
      <CenteredMessage
        title="No sources are configured."
        detail="Set TRIGIFY_API_KEY or PUQ_API_KEY on the server, or start it with RUNBOARD_DEMO=1 to explore demo data."
      />
    )
  }
  // The effect above is moving to a known source.
  if (!source) return <RunsPending />
  return (
    <RunsPage
      key={source.id}
      search={shown}
      sourceId={source.id}
      source={source}
      sourceLabels={new Map(items.map((item) => [item.id, item.label]))}
      notice={
        <>
          <UrlCorrectionsNotice corrections={corrections} onDismiss={dismiss} />
          {!isAll && <SyncBanner sync={source.sync} label={source.label} />}
        </>
      }
      filterNotes={
        search.failure !== undefined && (
          <FailureFilterChip
            source={source.id}
            fingerprint={search.failure}
            from={search.from}
            to={search.to}
            onClear={() => setSearch({ failure: undefined, page: 1 })}
          />
        )
      }
      renderOutcomes={({ hasRows }) => (
        <OutcomesPanel
          canShowChart={hasRows}
          source={source}
          workflow={search.workflow}
          status={search.status}
          window={chartWindowOf(search)}
          tz={search.tz}
          selected={highlightOf(search, now)}
          // Under a preset the chart and the table share the range: a new window moves both.
          onWindowChange={(window) =>
            search.range === undefined
              ? setSearch({ window }, { replace: true })
              : setSearch({ range: window, window, page: 1 })
          }
          onSelectFailed={({ from, to }) =>
            setSearch({
              status: ['failed'],
              range: undefined,
              from,
              to,
              page: 1,
              run: undefined,
              runSource: undefined,
              step: undefined,
            })
          }
        />
      )}
      renderOpenRun={({ runId, onClose }) =>
        openRunSource === undefined ? null : (
          <Suspense fallback={null}>
            <RunDrawer
              source={openRunSource}
              vendor={items.find((item) => item.id === openRunSource)?.vendor}
              runId={runId}
              tz={search.tz}
              stepId={search.step}
              // Picking a step refines the view in place: back closes the drawer, not the step.
              onStepChange={(step) => setSearch({ step }, { replace: true })}
              onClose={onClose}
              renderFailureContext={(run) => (
                <SameWayLine
                  source={openRunSource}
                  fingerprint={run.fingerprint}
                  groupHref={
                    run.fingerprint === undefined
                      ? undefined
                      : runsHref(
                          parseRunsSearch({
                            source: openRunSource,
                            failure: run.fingerprint,
                            tz: search.tz,
                          }),
                        )
                  }
                  stepsHref={failuresHref({
                    source: openRunSource,
                    workflow: run.workflowId,
                    window: search.window,
                    tz: search.tz,
                  })}
                />
              )}
            />
          </Suspense>
        )
      }
    />
  )
}

function RunsPending() {
  return (
    <div
      className="mx-auto flex w-full max-w-[1400px] flex-col gap-4 px-4 py-5 sm:px-6"
      aria-busy="true"
      aria-label="Loading runs"
    >
      <div className="space-y-2">
        <Skeleton className="h-6 w-20" />
        <Skeleton className="h-4 w-48" />
      </div>
      <div className="flex gap-2">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-8 w-64" />
      </div>
      <Skeleton className="h-5 w-40" />
      <div className="overflow-hidden rounded-lg border border-line bg-surface">
        <div className="h-9 border-b border-line bg-surface-muted" />
        {Array.from({ length: 10 }, (_, index) => (
          <div key={index} className="flex h-11 items-center gap-6 border-b border-line px-4">
            <Skeleton className="h-5 w-20 rounded-full" />
            <Skeleton className="h-3.5 w-28" />
            <Skeleton className="h-3.5 w-40" />
            <Skeleton className="h-3.5 w-36" />
          </div>
        ))}
      </div>
    </div>
  )
}

function CenteredMessage({
  title,
  detail,
  children,
}: {
  title: string
  detail?: string
  children?: React.ReactNode
}) {
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-lg flex-col items-center gap-3 px-6 py-20 text-center"
    >
      <p className="text-base font-medium">{title}</p>
      {detail && <p className="text-fg-muted">{detail}</p>}
      {children}
    </div>
  )
}
