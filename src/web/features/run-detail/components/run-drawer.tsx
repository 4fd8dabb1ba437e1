/**
 * The run detail drawer: a modal dialog on the right (full width on phones) that shows one run,
 * its error and its steps. It is driven by props only; the route maps the URL (`run`, `step`,
 * `tz`) to them and back, so closing, selecting a step and the back button are all URL changes
 * the route owns. The shared `Modal` owns what a dialog must (focus in and back to the row that
 * opened it, Tab wrapping, Escape).
 */
import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState, type ReactNode } from 'react'
import { Button } from '../../../components/ui/button'
import { CopyButton } from '../../../components/ui/copy-button'
import { CheckIcon, XIcon } from '../../../components/ui/icons'
import { Modal } from '../../../components/ui/modal'
import { vendorLabels } from '../../../lib/describe-error'
import type { TimeZoneMode } from '../../../lib/format'
import { useNow } from '../../../lib/use-now'
import type { RunDetail, Vendor } from '../../../../shared/model'
import { isProgressingStatus } from '../../../../shared/run-status'
import { runDetailQueries } from '../api/run-detail-queries'
import { RunDrawerError, RunDrawerSkeleton } from './drawer-states'
import { RunError } from './run-error'
import { RunSummary } from './run-summary'
import { StepTimeline } from './step-timeline'

export type RunDrawerProps = {
  source: string
  /** The source's vendor, which the route knows, so the drawer can name it. */
  vendor?: Vendor | undefined
  runId: string
  tz: TimeZoneMode
  stepId?: string | undefined
  onStepChange: (stepId: string | undefined) => void
  onClose: () => void
  /** Where focus goes when the drawer closes (the row that opened it); else where it was. */
  returnFocusTo?: HTMLElement | null | undefined
  /** What other features say about a failed run (its failure group), under its error. */
  renderFailureContext?: (run: RunDetail) => ReactNode
}

export function RunDrawer(props: RunDrawerProps) {
  const { source, vendor, runId, tz, stepId, onStepChange, onClose, returnFocusTo } = props
  const { renderFailureContext } = props
  const titleId = useId()

  const query = useQuery(runDetailQueries.detail({ source, runId }))
  const run = query.data
  // The clock only ticks while the run can still move, so a finished run renders once.
  const nowMs = useNow(1_000, run !== undefined && isProgressingStatus(run.status))

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

  return (
    <Modal
      labelledBy={titleId}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      layerClassName="fixed inset-0 z-50"
      backdropClassName="absolute inset-0 bg-zinc-950/25 dark:bg-black/50"
      panelClassName="absolute inset-y-0 right-0 flex w-full flex-col border-line bg-surface shadow-2xl outline-none sm:w-[40rem] sm:border-l lg:w-[48rem]"
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
    </Modal>
  )
}

function NoSteps({
  vendorName,
  failedStep,
}: {
  vendorName?: string | undefined
  failedStep?: string | undefined
}) {
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
