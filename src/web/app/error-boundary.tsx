/**
 * What a crash shows instead of a blank page. Around the whole app it is the last line of
 * defence (a provider, the shell) and offers a reload; around a page it keeps the shell usable
 * and offers a retry, and any navigation (a new `resetKey`) renders the page again.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { describeError } from '../lib/describe-error'
import { ErrorPanel } from './route-error'

type Props = { children: ReactNode; scope: 'app' | 'page'; resetKey?: string }
type State = { error: unknown; resetKey: string | undefined }

export class AppErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`Runboard crashed (${this.props.scope})`, error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return this.props.scope === 'app' ? (
      <ErrorPanel
        title="Runboard hit an unexpected problem."
        detail="Reloading the page usually fixes it."
        onRetry={() => window.location.reload()}
      />
    ) : (
      <ErrorPanel
        title="This page hit a problem."
        detail={describeError(this.state.error).title}
        onRetry={() => this.setState({ error: null })}
      />
    )
  }
}
