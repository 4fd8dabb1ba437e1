/** The run's own error, near the top of the drawer: the first thing to read on a failed run. */
import { useId } from 'react'
import { CopyButton } from '../../../components/ui/copy-button'
import { AlertTriangleIcon } from '../../../components/ui/icons'
import { ErrorText } from './error-text'

export function RunError({
  error,
  failedStep,
}: {
  error: string
  failedStep?: string | undefined
}) {
  const headingId = useId()
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <div className="flex items-center gap-2">
        <AlertTriangleIcon width={15} height={15} className="shrink-0 text-danger-fg" />
        <h3 id={headingId} className="text-sm font-semibold text-fg">
          Error
          {failedStep !== undefined && (
            <>
              {' '}
              <span className="font-normal text-fg-muted">
                in step <span className="font-medium text-fg">{failedStep}</span>
              </span>
            </>
          )}
        </h3>
        <CopyButton value={error} label="Copy error message" className="ml-auto" />
      </div>
      <ErrorText text={error} label="Run error message" />
    </section>
  )
}
