/**
 * `/runs`: validates the URL, corrects it when it was invalid, starts the runs request in the
 * loader (before the page renders) and composes the sources and runs features.
 */
import { useQuery } from '@tanstack/react-query'
import {
  createRoute,
  Navigate,
  redirect,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { Button } from '../../components/ui/button'
import { Skeleton } from '../../components/ui/skeleton'
import { describeError } from '../../lib/describe-error'
import { stringifySearch } from '../../lib/search-serializer'
import { sourceQueries } from '../../features/sources/api/fetch-sources'
import { runQueries } from '../../features/runs/api/run-queries'
import { lazy, Suspense } from 'react'
import { OutcomesPanel } from '../../features/outcomes/components/outcomes-panel'
import { RunsPage } from '../../features/runs/components/runs-page'
import {
  parseRunsSearch,
  runsSearchDefaults,
  toUrlSearch,
  type RunsSearch,
  type RunsSearchInput,
} from '../../features/runs/runs-search'
import { rootRoute } from './root'

// The drawer (timeline maths, dialog) is not needed for the first rows: it loads when a run opens.
const RunDrawer = lazy(() =>
  import('../../features/run-detail/components/run-drawer').then((module) => ({
    default: module.RunDrawer,
  })),
)

export const runsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs',
  // `SearchSchemaInput` makes every param optional for links; parsing fills the defaults.
  validateSearch: (raw: RunsSearchInput & SearchSchemaInput): RunsSearch => parseRunsSearch(raw),
  search: { middlewares: [stripSearchParams(runsSearchDefaults)] },
  beforeLoad: ({ search, location }) => {
    // An invalid or non-canonical URL is rewritten to the view actually shown, in place.
    // Parsing again drops parameters no route knows, which the router would otherwise keep.
    const clean = parseRunsSearch(search)
    if (stringifySearch(toUrlSearch(clean)) !== location.searchStr) {
      redirect({ to: '/runs', search: clean, replace: true, throw: true })
    }
  },
  loaderDeps: ({ search }) => ({
    source: search.source,
    workflow: search.workflow,
    status: search.status,
    from: search.from,
    to: search.to,
    page: search.page,
    pageSize: search.pageSize,
  }),
  loader: async ({ context: { queryClient }, deps, location }) => {
    // Deep links name their source: start the runs request now, alongside the sources one.
    if (deps.source) {
      void queryClient.prefetchQuery(runQueries.list({ ...deps, source: deps.source }))
    }
    let sources
    try {
      sources = (await queryClient.ensureQueryData(sourceQueries.list())).items
    } catch {
      // The page shows the sources error in place, with a retry.
      return
    }
    const first = sources[0]
    if (!first || sources.some((source) => source.id === deps.source)) return
    const current = parseRunsSearch(location.search)
    redirect({
      to: '/runs',
      replace: true,
      throw: true,
      // Another source's workflow ids and run ids mean nothing here.
      search: deps.source
        ? {
            ...current,
            source: first.id,
            workflow: undefined,
            run: undefined,
            step: undefined,
            page: 1,
          }
        : { ...current, source: first.id },
    })
  },
  component: RunsRoute,
  pendingComponent: RunsPending,
})

function RunsRoute() {
  const search = runsRoute.useSearch()
  const navigate = runsRoute.useNavigate()
  const sources = useQuery(sourceQueries.list())

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

  const first = sources.data.items[0]
  if (!first) {
    return (
      <CenteredMessage
        title="No sources are configured."
        detail="Set TRIGIFY_API_KEY or PUQ_API_KEY on the server, or start it with RUNBOARD_DEMO=1 to explore demo data."
      />
    )
  }
  const source = sources.data.items.find((candidate) => candidate.id === search.source)
  if (!search.source || !source) {
    return (
      <Navigate
        to="/runs"
        replace
        search={{
          ...search,
          source: first.id,
          workflow: undefined,
          run: undefined,
          step: undefined,
          page: 1,
        }}
      />
    )
  }
  return (
    <RunsPage
      key={source.id}
      sourceId={source.id}
      source={source}
      outcomes={
        <OutcomesPanel
          source={source}
          workflow={search.workflow}
          status={search.status}
          window={search.window}
          tz={search.tz}
          selected={
            search.from !== undefined && search.to !== undefined
              ? { from: search.from, to: search.to }
              : undefined
          }
          onWindowChange={(window) =>
            void navigate({ search: (prev) => ({ ...prev, window }), replace: true })
          }
          onSelectFailed={({ from, to }) =>
            void navigate({
              search: (prev) => ({ ...prev, status: ['failed'], from, to, page: 1 }),
            })
          }
        />
      }
      renderOpenRun={({ runId, workflowId, onClose }) => (
        <Suspense fallback={null}>
          <RunDrawer
            source={source.id}
            runId={runId}
            workflow={workflowId}
            tz={search.tz}
            stepId={search.step}
            // Picking a step refines the view in place: back closes the drawer, not the step.
            onStepChange={(step) =>
              void navigate({ search: (prev) => ({ ...prev, step }), replace: true })
            }
            onClose={onClose}
          />
        </Suspense>
      )}
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
