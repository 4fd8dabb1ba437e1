/** A small label with a border, so it reads in greyscale and in forced-colours mode too. */
import type { HTMLAttributes } from 'react'
import type { StatusTone } from '../../../shared/run-status'
import { cn } from '../../lib/cn'

export type BadgeTone = StatusTone | 'accent'

const tones: Record<BadgeTone, string> = {
  neutral: 'bg-neutral-bg text-neutral-fg border-neutral-line',
  info: 'bg-info-bg text-info-fg border-info-line',
  success: 'bg-success-bg text-success-fg border-success-line',
  danger: 'bg-danger-bg text-danger-fg border-danger-line',
  warning: 'bg-warning-bg text-warning-fg border-warning-line',
  muted: 'bg-muted-bg text-muted-fg border-muted-line border-dashed',
  accent: 'bg-accent-soft text-accent-text border-transparent',
}

export function Badge({
  tone = 'neutral',
  className,
  ...props
}: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs leading-4 font-medium whitespace-nowrap',
        tones[tone],
        className,
      )}
      {...props}
    />
  )
}
