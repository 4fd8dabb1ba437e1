/**
 * Copies a value and says so: the icon turns into a check and a live region announces it, so
 * the confirmation is not only visual.
 */
import { useEffect, useState, type MouseEvent } from 'react'
import { cn } from '../../lib/cn'
import { CheckIcon, CopyIcon } from './icons'

export function CopyButton({
  value,
  label,
  className,
}: {
  value: string
  /** What is copied, for the accessible name: "Copy run id run_x7k9m2". */
  label: string
  className?: string
}) {
  const [isCopied, setIsCopied] = useState(false)

  useEffect(() => {
    if (!isCopied) return
    const timer = window.setTimeout(() => setIsCopied(false), 1500)
    return () => window.clearTimeout(timer)
  }, [isCopied])

  async function copy(event: MouseEvent) {
    // The button sits inside clickable rows; copying must not also open the run.
    event.stopPropagation()
    try {
      await navigator.clipboard.writeText(value)
      setIsCopied(true)
    } catch {
      setIsCopied(false)
    }
  }

  return (
    <button
      type="button"
      onClick={(event) => void copy(event)}
      onKeyDown={(event) => event.stopPropagation()}
      aria-label={label}
      title={isCopied ? 'Copied' : label}
      className={cn(
        'inline-flex h-6 w-6 shrink-0 items-center justify-center rounded text-fg-subtle transition-colors hover:bg-surface-muted hover:text-fg',
        className,
      )}
    >
      {isCopied ? <CheckIcon width={14} height={14} /> : <CopyIcon width={14} height={14} />}
      <span className="sr-only" role="status">
        {isCopied ? 'Copied' : ''}
      </span>
    </button>
  )
}
