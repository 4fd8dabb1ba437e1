/** A native select with the house look: native keeps keyboard, mobile pickers and labels right. */
import type { Ref, SelectHTMLAttributes } from 'react'
import { cn } from '../../lib/cn'
import { ChevronDownIcon } from './icons'

export function Select({
  className,
  ref,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return (
    <span className={cn('relative inline-flex', className)}>
      <select
        ref={ref}
        className="h-8 w-full appearance-none rounded-md border border-line-strong bg-surface py-0 pr-8 pl-2.5 text-sm text-fg shadow-xs hover:bg-surface-hover"
        {...props}
      />
      <ChevronDownIcon
        width={14}
        height={14}
        className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 text-fg-subtle"
      />
    </span>
  )
}
