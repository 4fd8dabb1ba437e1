/** A grey placeholder the size of what will replace it, so loading never shifts the layout. */
import { cn } from '../../lib/cn'

export function Skeleton({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'block animate-pulse rounded bg-surface-muted motion-reduce:animate-none',
        className,
      )}
    />
  )
}
