/**
 * What the drawer shows when it has no run to show: a skeleton shaped like the loaded drawer
 * (so nothing jumps), a plain "not found" or "invalid id" with a way out, and any other
 * failure in words from `describeError` with a retry when another attempt can help.
 */
import type { ReactNode } from 'react'
import type { Vendor } from '../../../../shared/model'
import { Button } from '../../../components/ui/button'
import { AlertTriangleIcon, RefreshIcon, SearchIcon } from '../../../components/ui/icons'
import { Skeleton } from '../../../components/ui/skeleton'
import { isApiError } from '../../../lib/api-client'
import { describeError } from '../../../lib/describe-error'

export function RunDrawerSkeleton() {
  return (
    <div role="status" aria-label="Loading run" className="space-y-6">
      <div className="flex items-center gap-3">
        <Skeleton className="h-5 w-20 rounded-full" />
        <Skeleton className="h-5 w-48" />
      </div>
      <div className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3">
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="space-y-1.5">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="h-4 w-32 max-w-full" />
          </div>
        ))}
      </div>
      <div className="space-y-2">
        <Skeleton className="h-4 w-24" />
        {Array.from({ length: 5 }, (_, index) => (
          <div key={index} className="flex items-center gap-3">
            <Skeleton className="h-4 w-40 shrink-0" />
            <Skeleton className="h-2.5 flex-1" />
          </div>
        ))}
      </div>
    </div>
  )
}

function Message({
  icon,
  title,
  detail,
  children,
}: {
  icon: ReactNode
  title: string
  detail?: ReactNode
  children?: ReactNode
}) {
  return (
    <div role="alert" className="flex flex-col items-center px-4 py-12 text-center">
      <span className="mb-3 flex h-10 w-10 items-center justify-center rounded-full bg-surface-muted text-fg-muted">
        {icon}
      </span>
      <p className="text-sm font-semibold text-fg">{title}</p>
      {detail !== undefined && (
        <p className="mt-1 max-w-md text-sm text-fg-muted wrap-anywhere">{detail}</p>
      )}
      {children !== undefined && <div className="mt-4 flex gap-2">{children}</div>}
    </div>
  )
}

export function RunDrawerError({
  error,
  runId,
  source,
  vendor,
  onRetry,
  onClose,
  isRetrying,
}: {
  error: unknown
  runId: string
  source: string
  vendor?: Vendor | undefined
  onRetry: () => void
  onClose: () => void
  isRetrying: boolean
}) {
  const closeButton = <Button onClick={onClose}>Close</Button>

  if (isApiError(error) && error.code === 'NOT_FOUND') {
    return (
      <Message
        icon={<SearchIcon width={18} height={18} />}
        title="This run no longer exists"
        detail={
          <>
            Run <span className="font-mono text-fg">{runId}</span> was not found in {source}. It may
            have been deleted, or be older than the history the vendor keeps.
          </>
        }
      >
        {closeButton}
      </Message>
    )
  }

  if (isApiError(error) && error.code === 'BAD_REQUEST') {
    return (
      <Message
        icon={<AlertTriangleIcon width={18} height={18} />}
        title="This is not a valid run id"
        detail={
          <>
            <span className="font-mono text-fg">{runId}</span> cannot be a run id: {error.message}
          </>
        }
      >
        {closeButton}
      </Message>
    )
  }

  const description = describeError(error, vendor)
  return (
    <Message
      icon={<AlertTriangleIcon width={18} height={18} />}
      title={`Could not load this run. ${description.title}`}
      detail={description.detail}
    >
      {description.isRetryable && (
        <Button variant="primary" onClick={onRetry} disabled={isRetrying}>
          <RefreshIcon width={14} height={14} className={isRetrying ? 'animate-spin-slow' : ''} />
          {isRetrying ? 'Retrying…' : 'Retry'}
        </Button>
      )}
      {closeButton}
    </Message>
  )
}
