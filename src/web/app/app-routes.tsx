/**
 * Which page an address shows. `/` is the runs page's home (its query string kept); anything
 * else is a clear "no page here". A page that crashes is caught here and offered a retry,
 * the shell around it staying usable.
 */
import { Component, useLayoutEffect, type ErrorInfo, type ReactNode } from 'react'
import { hrefOf, useHistory, useLocation } from '../lib/navigation'
import { describeError } from '../lib/describe-error'
import { NotFound, ErrorPanel } from './route-error'
import { RunsRoute } from './routes/runs'

export function AppRoutes() {
  const location = useLocation()
  const history = useHistory()
  const isHome = location.pathname === '/'
  useLayoutEffect(() => {
    if (isHome) history.replace(`/runs${location.search}`)
  }, [isHome, location.search, history])

  if (isHome) return null
  if (location.pathname !== '/runs') return <NotFound />
  return (
    <PageErrorBoundary resetKey={hrefOf(location)}>
      <RunsRoute />
    </PageErrorBoundary>
  )
}

type BoundaryState = { error: unknown; resetKey: string }

/** Shows a crashed page's error in place; a retry or any navigation renders the page again. */
class PageErrorBoundary extends Component<
  { resetKey: string; children: ReactNode },
  BoundaryState
> {
  override state: BoundaryState = { error: null, resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error }
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A Runboard page crashed', error, info.componentStack)
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorPanel
          title="This page hit a problem."
          detail={describeError(this.state.error).title}
          onRetry={() => this.setState({ error: null })}
        />
      )
    }
    return this.props.children
  }
}
