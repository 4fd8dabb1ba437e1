/**
 * A minimal panel for the run named in the URL (`run`), until the run detail drawer exists:
 * what the list already knows about it, including the full error text the table truncates.
 */
import { useEffect, useRef } from 'react'
import type { Run } from '../../../../shared/model'
import { Button } from '../../../components/ui/button'
import { CopyButton } from '../../../components/ui/copy-button'
import { XIcon } from '../../../components/ui/icons'
import { StatusBadge } from '../../../components/ui/status-badge'
import { formatAbsoluteTime, formatDuration, type TimeZoneMode } from '../../../lib/format'

export function RunPanel({
  runId,
  run,
  workflowName,
  tz,
  onClose,
}: {
  runId: string
  run: Run | undefined
  workflowName: string | undefined
  tz: TimeZoneMode
  onClose: () => void
}) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true })
  }, [runId])

  return (
    <section
      aria-labelledby="run-panel-heading"
      className="rounded-lg border border-line bg-surface p-4 shadow-sm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose()
      }}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2
            id="run-panel-heading"
            ref={headingRef}
            tabIndex={-1}
            className="flex items-center gap-1 text-base font-semibold outline-none"
          >
            <span>Run</span> <span className="truncate font-mono text-sm font-normal">{runId}</span>
            <CopyButton value={runId} label={`Copy run id ${runId}`} />
          </h2>
          <p className="text-fg-muted">Step details will appear here.</p>
        </div>
        <Button variant="ghost" size="icon" aria-label="Close run" onClick={onClose}>
          <XIcon />
        </Button>
      </div>
      {run ? (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5">
          <dt className="text-fg-muted">Status</dt>
          <dd>
            <StatusBadge status={run.status} vendorStatus={run.vendorStatus} />
          </dd>
          <dt className="text-fg-muted">Workflow</dt>
          <dd className="break-words">{workflowName ?? run.workflowId}</dd>
          {run.startedAt && (
            <>
              <dt className="text-fg-muted">Started</dt>
              <dd className="tabular-nums">{formatAbsoluteTime(run.startedAt, tz)}</dd>
            </>
          )}
          {run.durationMs !== undefined && (
            <>
              <dt className="text-fg-muted">Duration</dt>
              <dd className="tabular-nums">{formatDuration(run.durationMs)}</dd>
            </>
          )}
          {run.error && (
            <>
              <dt className="text-fg-muted">Error</dt>
              <dd className="font-mono text-xs break-words whitespace-pre-wrap text-danger-fg">
                {run.error}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="mt-3 text-fg-muted">This run is not on the current page.</p>
      )}
    </section>
  )
}
