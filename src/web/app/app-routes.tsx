/**
 * Which page an address shows. `/` is the runs page's home (its query string kept),
 * `/failures` the failure inbox; anything else is a clear "no page here". A page that crashes is caught here and offered a retry,
 * the shell around it staying usable.
 */
import { lazy, Suspense, useLayoutEffect } from 'react'
import { hrefOf, useHistory, useLocation } from '../lib/navigation'
import { AppErrorBoundary } from './error-boundary'
import { NotFound } from './route-error'
import { RunsRoute } from './routes/runs'

// The inbox is a second page: its code loads when it is visited, not with the runs table.
const FailuresRoute = lazy(() =>
  import('./routes/failures').then((module) => ({ default: module.FailuresRoute })),
)

export function AppRoutes() {
  const location = useLocation()
  const history = useHistory()
  const isHome = location.pathname === '/'
  useLayoutEffect(() => {
    if (isHome) history.replace(`/runs${location.search}`)
  }, [isHome, location.search, history])

  if (isHome) return null
  if (location.pathname === '/failures') {
    return (
      <AppErrorBoundary scope="page" resetKey={hrefOf(location)}>
        <Suspense fallback={null}>
          <FailuresRoute />
        </Suspense>
      </AppErrorBoundary>
    )
  }
  if (location.pathname !== '/runs') return <NotFound />
  return (
    <AppErrorBoundary scope="page" resetKey={hrefOf(location)}>
      <RunsRoute />
    </AppErrorBoundary>
  )
}
