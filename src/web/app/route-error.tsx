/**
 * What a crashed page shows instead of a blank page: what happened in plain words, and two
 * ways out (try again, or start over on the runs page).
 */
import { AppLink } from '../lib/navigation'
import { buttonClasses } from '../components/ui/button'
import { Button } from '../components/ui/button'
import { AlertTriangleIcon } from '../components/ui/icons'

export function ErrorPanel({
  title,
  detail,
  onRetry,
}: {
  title: string
  detail?: string
  onRetry?: () => void
}) {
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-lg flex-col items-center gap-3 px-6 py-20 text-center"
    >
      <span className="flex size-10 items-center justify-center rounded-full border border-danger-line bg-danger-bg text-danger-fg">
        <AlertTriangleIcon width={18} height={18} />
      </span>
      <p className="text-base font-medium">{title}</p>
      {detail && <p className="text-fg-muted">{detail}</p>}
      <div className="flex gap-2">
        {onRetry && <Button onClick={onRetry}>Try again</Button>}
        <a href="/runs" className={buttonClasses('ghost')}>
          Go to runs
        </a>
      </div>
    </div>
  )
}

export function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-3 px-6 py-20 text-center">
      <p className="text-base font-medium">There is no page at this address.</p>
      <AppLink href="/runs" className={buttonClasses('secondary')}>
        Go to runs
      </AppLink>
    </div>
  )
}
