/**
 * The run detail drawer: a modal dialog on the right (full width on phones) that shows one run,
 * its error and its steps. It is driven by props only; the route maps the URL (`run`, `step`,
 * `tz`) to them and back, so closing, selecting a step and the back button are all URL changes
 * the route owns. The drawer owns what a dialog must: focus moves in when it opens, stays in
 * (Tab wraps), Escape closes, and focus goes back to the row that opened it.
 */
import { useQuery } from '@tanstack/react-query'
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react'
import { createPortal } from 'react-dom'
import { Button } from '../../../components/ui/button'
import { CopyButton } from '../../../components/ui/copy-button'
import { CheckIcon, XIcon } from '../../../components/ui/icons'
import { vendorLabels } from '../../../lib/describe-error'
import type { TimeZoneMode } from '../../../lib/format'
import { useNow } from '../../../lib/use-now'
import type { RunDetail } from '../../../../shared/model'
import { isProgressingStatus } from '../../../../shared/run-status'
import { runDetailQueries } from '../api/run-detail-queries'
import { sourceListQuery } from '../api/source-vendor-query'
import { RunDrawerError, RunDrawerSkeleton } from './drawer-states'
import { RunError } from './run-error'
import { RunSummary } from './run-summary'
import { StepTimeline } from './step-timeline'

export type RunDrawerProps = {
  source: string
  runId: string
  workflow?: string
  tz: TimeZoneMode
  stepId?: string
  onStepChange: (stepId: string | undefined) => void
  onClose: () => void
  /** Where focus goes when the drawer closes (the row that opened it); else where it was. */
  returnFocusTo?: HTMLElement | null
  /** What other features say about a failed run (its failure group), under its error. */
  renderFailureContext?: (run: RunDetail) => ReactNode
}

const focusableSelector =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function RunDrawer(props: RunDrawerProps) {
  const { source, runId, workflow, tz, stepId, onStepChange, onClose, returnFocusTo } = props
  const { renderFailureContext } = props
  const titleId = useId()
  const panelRef = useRef<HTMLDivElement>(null)

  const query = useQuery(runDetailQueries.detail({ source, runId, workflow }))
  const vendor = useQuery({
    ...sourceListQuery(),
    select: (data) => data.items.find((item) => item.id === source)?.vendor,
  }).data
  const run = query.data
  // The clock only ticks while the run can still move, so a finished run renders once.
  const nowMs = useNow(1_000, run !== undefined && isProgressingStatus(run.status))

  useDialogFocus(panelRef, returnFocusTo)

  // Escape closes from anywhere on the page while the drawer is open; a widget inside that
  // handles Escape itself (a popover) stops the event before it gets here.
  const onCloseRef = useRef(onClose)
  useLayoutEffect(() => {
    onCloseRef.current = onClose
  })
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      event.preventDefault()
      onCloseRef.current()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  const vendorName = vendor ? vendorLabels[vendor].name : undefined

  let body: ReactNode
  if (run) {
    body = (
      <div className="space-y-8">
        <RunSummary run={run} tz={tz} nowMs={nowMs} />
        {run.error !== undefined && <RunError error={run.error} failedStep={run.failedStep} />}
        {run.status === 'failed' && renderFailureContext?.(run)}
        {run.steps === null ? (
          <NoSteps vendorName={vendorName} failedStep={run.failedStep} />
        ) : (
          <StepTimeline
            run={run}
            steps={run.steps}
            tz={tz}
            nowMs={nowMs}
            selectedStepId={stepId}
            onStepChange={onStepChange}
          />
        )}
      </div>
    )
  } else if (query.isError) {
    body = (
      <RunDrawerError
        error={query.error}
        runId={runId}
        source={source}
        vendor={vendor}
        isRetrying={query.isFetching}
        onRetry={() => void query.refetch()}
        onClose={onClose}
      />
    )
  } else {
    body = <RunDrawerSkeleton />
  }

  return createPortal(
    <div className="fixed inset-0 z-50">
      <div
        aria-hidden="true"
        className="absolute inset-0 bg-zinc-950/25 dark:bg-black/50"
        onClick={onClose}
      />
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={(event) => trapTab(event.nativeEvent, panelRef.current)}
        className="absolute inset-y-0 right-0 flex w-full flex-col border-line bg-surface shadow-2xl outline-none sm:w-[40rem] sm:border-l lg:w-[48rem]"
      >
        <div className="flex items-center gap-2 border-b border-line px-4 py-3 sm:px-6">
          <h2 id={titleId} className="flex min-w-0 items-baseline gap-2 text-sm">
            <span className="font-medium text-fg-muted">Run</span>
            <span className="truncate font-mono font-semibold text-fg" title={runId}>
              {runId}
            </span>
          </h2>
          <CopyButton value={runId} label={`Copy run id ${runId}`} />
          <div className="ml-auto flex shrink-0 items-center gap-1.5">
            <CopyLinkButton />
            <Button variant="ghost" size="icon" aria-label="Close run details" onClick={onClose}>
              <XIcon width={16} height={16} />
            </Button>
          </div>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-4 py-5 sm:px-6">{body}</div>
      </div>
    </div>,
    document.body,
  )
}

function NoSteps({ vendorName, failedStep }: { vendorName?: string; failedStep?: string }) {
  return (
    <section aria-label="Steps" className="space-y-2">
      <h3 className="text-sm font-semibold text-fg">Steps</h3>
      <div className="rounded-lg border border-dashed border-line-strong px-4 py-3 text-sm text-fg-muted">
        <p>{vendorName ?? 'This source'} does not report steps for its runs.</p>
        {failedStep !== undefined && (
          <p className="mt-1">
            Failed step, named in the error:{' '}
            <span className="font-medium text-fg">{failedStep}</span>
          </p>
        )}
      </div>
    </section>
  )
}

/** Copies the address bar, which (the URL being the state) reopens this exact view. */
function CopyLinkButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = window.setTimeout(() => setState('idle'), 2_000)
    return () => window.clearTimeout(timer)
  }, [state])

  async function copy() {
    try {
      await navigator.clipboard.writeText(window.location.href)
      setState('copied')
    } catch {
      setState('failed')
    }
  }

  return (
    <>
      <Button size="sm" onClick={() => void copy()}>
        {state === 'copied' && <CheckIcon width={13} height={13} className="text-success-fg" />}
        {state === 'copied' ? 'Link copied' : 'Copy link'}
      </Button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Link copied' : state === 'failed' ? 'Could not copy the link' : ''}
      </span>
    </>
  )
}

/** Keeps Tab and Shift+Tab inside the dialog, wrapping at either end. */
function trapTab(event: KeyboardEvent, panel: HTMLElement | null) {
  if (event.key !== 'Tab' || !panel) return
  const focusables = Array.from(panel.querySelectorAll<HTMLElement>(focusableSelector))
  const first = focusables[0]
  const last = focusables.at(-1)
  if (!first || !last) {
    event.preventDefault()
    return
  }
  const active = document.activeElement
  if (event.shiftKey && (active === first || active === panel)) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && active === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * Moves focus into the panel when the drawer mounts and back out when it unmounts (closed by
 * Escape, the button or the browser's back button alike), and keeps the page behind still.
 */
function useDialogFocus(
  panelRef: RefObject<HTMLDivElement | null>,
  returnFocusTo: HTMLElement | null | undefined,
) {
  const returnRef = useRef(returnFocusTo)
  useLayoutEffect(() => {
    returnRef.current = returnFocusTo
  })
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    panelRef.current?.focus({ preventScroll: true })
    const { overflow } = document.body.style
    document.body.style.overflow = 'hidden'
    return () => {
      document.body.style.overflow = overflow
      const target = returnRef.current?.isConnected ? returnRef.current : previous
      if (target?.isConnected) target.focus({ preventScroll: false })
    }
  }, [panelRef])
}
