/** The one button: three looks, two sizes, always a visible focus ring. */
import type { ButtonHTMLAttributes, Ref } from 'react'
import { cn } from '../../lib/cn'

type ButtonVariant = 'primary' | 'secondary' | 'ghost'
type ButtonSize = 'sm' | 'md' | 'icon'

const variants: Record<ButtonVariant, string> = {
  primary:
    'bg-accent text-accent-fg border-transparent hover:bg-accent-hover disabled:hover:bg-accent',
  secondary:
    'bg-surface text-fg border-line-strong shadow-xs hover:bg-surface-hover disabled:hover:bg-surface',
  ghost: 'bg-transparent text-fg-muted border-transparent hover:bg-surface-muted hover:text-fg',
}

const sizes: Record<ButtonSize, string> = {
  sm: 'h-7 px-2 text-xs gap-1',
  md: 'h-8 px-3 text-sm gap-1.5',
  icon: 'h-8 w-8 justify-center',
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant
  size?: ButtonSize
  ref?: Ref<HTMLButtonElement>
}

export function buttonClasses(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md') {
  return cn(
    'inline-flex shrink-0 items-center rounded-md border font-medium whitespace-nowrap transition-colors',
    'disabled:cursor-not-allowed disabled:opacity-50',
    variants[variant],
    sizes[size],
  )
}

export function Button({
  variant = 'secondary',
  size = 'md',
  className,
  type = 'button',
  ...props
}: ButtonProps) {
  return <button type={type} className={cn(buttonClasses(variant, size), className)} {...props} />
}
