/**
 * The last line of defence: an error outside any page (a provider, the shell) still
 * renders a message and a reload button rather than an empty page.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { ErrorPanel } from './route-error'

export class AppErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null }

  static getDerivedStateFromError(error: unknown) {
    return { error }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Runboard crashed', error, info.componentStack)
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorPanel
          title="Runboard hit an unexpected problem."
          detail="Reloading the page usually fixes it."
          onRetry={() => window.location.reload()}
        />
      )
    }
    return this.props.children
  }
}
