/**
 * How complete and how fresh a source's stored history is, in words: a progress bar while the
 * backfill reads the vendor's history, a warning with the data's age while the sync fails, and
 * nothing while it is live (the runs count line says the rest).
 */
import type { SourceSync } from '../../../../shared/model'
import { AlertTriangleIcon } from '../../../components/ui/icons'
import { formatCount, formatRelativeTime } from '../../../lib/format'
import { useNow } from '../../../lib/use-now'

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })

function formatEta(seconds: number): string {
  if (seconds < 90) return `about ${seconds} s left`
  return `about ${Math.round(seconds / 60)} min left`
}

export function describeBackfill(sync: SourceSync): string {
  const total = sync.vendorTotal === undefined ? '' : ` of ${formatCount(sync.vendorTotal)}`
  const back =
    sync.oldestStoredAt === undefined
      ? ''
      : `, back to ${dayFormat.format(new Date(sync.oldestStoredAt))}`
  const eta = sync.etaSeconds === undefined ? '' : `, ${formatEta(sync.etaSeconds)}`
  return `Reading history: ${formatCount(sync.runsStored)}${total} runs${back}${eta}`
}

export function SyncBanner({ sync, label }: { sync: SourceSync | undefined; label: string }) {
  const now = useNow(10_000, sync?.state === 'error')
  if (sync === undefined || sync.state === 'live') return null
  if (sync.state === 'error') {
    const age =
      sync.lastSyncAt === undefined
        ? 'nothing has been read yet'
        : `data last updated ${formatRelativeTime(sync.lastSyncAt, now)}`
    return (
      <p
        role="status"
        className="flex items-start gap-2 rounded-md border border-warning-line bg-warning-bg px-3 py-2 text-warning-fg"
      >
        <AlertTriangleIcon width={14} height={14} className="mt-0.5 shrink-0" />
        <span>
          {label} cannot be read right now ({sync.lastError ?? 'unknown error'}); showing stored
          runs, {age}. Runboard keeps retrying.
        </span>
      </p>
    )
  }
  const share =
    sync.vendorTotal === undefined || sync.vendorTotal === 0
      ? undefined
      : Math.min(1, sync.runsStored / sync.vendorTotal)
  const text = describeBackfill(sync)
  return (
    <div className="flex flex-col gap-1.5 rounded-md border border-line bg-surface px-3 py-2">
      <p className="text-fg-muted" role="status">
        {text}
      </p>
      <div
        role="progressbar"
        aria-label={`Reading ${label} history`}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(share === undefined ? {} : { 'aria-valuenow': Math.round(share * 100) })}
        aria-valuetext={text}
        className="h-1.5 overflow-hidden rounded-full bg-surface-muted"
      >
        <div
          className="h-full rounded-full bg-accent transition-[width] duration-500"
          style={{ width: `${Math.round((share ?? 0.05) * 100)}%` }}
        />
      </div>
    </div>
  )
}
