/**
 * A vendor's error message, shown whole. Errors carry stack traces, JSON and whole HTML error
 * pages: React renders them as text (never markup), line breaks are kept, long tokens wrap,
 * and a huge one scrolls inside its own box (focusable, so keyboard users can scroll it too).
 */
import { cn } from '../../../lib/cn'

export function ErrorText({
  text,
  label,
  className,
}: {
  text: string
  /** Names the scrollable region for assistive technology. */
  label: string
  className?: string
}) {
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className={cn(
        'max-h-72 overflow-auto rounded-md border border-danger-line bg-danger-bg px-3 py-2',
        'font-mono text-xs leading-5 whitespace-pre-wrap text-fg wrap-anywhere',
        className,
      )}
    >
      {text}
    </pre>
  )
}
