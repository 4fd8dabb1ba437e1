/**
 * A disclosure panel under a button: opens on click, moves focus inside, closes on Escape (focus
 * back to the button), on a click outside or when focus leaves it. Small on purpose; the
 * native `popover` attribute is not in jsdom, where the component tests run.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { cn } from '../../lib/cn'
import { buttonClasses } from './button'
import { ChevronDownIcon } from './icons'

export function Popover({
  trigger,
  triggerLabel,
  children,
  align = 'start',
  className,
  triggerClassName,
  panelLabel,
}: {
  trigger: ReactNode
  /** Accessible name of the button when its content is not enough on its own. */
  triggerLabel?: string
  /** Any element with `data-popover-close` inside closes the panel when clicked. */
  children: ReactNode
  align?: 'start' | 'end'
  className?: string
  triggerClassName?: string | undefined
  panelLabel: string
}) {
  const [isOpen, setIsOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const panelId = useId()

  useEffect(() => {
    if (!isOpen) return
    panelRef.current
      ?.querySelector<HTMLElement>(
        'input, button, select, a[href], [tabindex]:not([tabindex="-1"])',
      )
      ?.focus()
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setIsOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [isOpen])

  function close() {
    setIsOpen(false)
    buttonRef.current?.focus()
  }

  return (
    <div
      ref={rootRef}
      className={cn('relative', className)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && isOpen) {
          event.stopPropagation()
          close()
        }
      }}
      onBlur={(event) => {
        if (
          !(event.relatedTarget instanceof Node) ||
          !rootRef.current?.contains(event.relatedTarget)
        )
          setIsOpen(false)
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={isOpen ? panelId : undefined}
        aria-label={triggerLabel}
        onClick={() => setIsOpen((open) => !open)}
        className={cn(buttonClasses('secondary', 'md'), triggerClassName)}
      >
        {trigger}
        <ChevronDownIcon width={14} height={14} className="text-fg-subtle" />
      </button>
      {isOpen && (
        <div
          ref={panelRef}
          id={panelId}
          role="group"
          aria-label={panelLabel}
          onClick={(event) => {
            if (event.target instanceof Element && event.target.closest('[data-popover-close]'))
              close()
          }}
          className={cn(
            'absolute top-full z-30 mt-1 max-w-[calc(100vw-2rem)] min-w-56 rounded-lg border border-line bg-surface p-1 shadow-lg',
            align === 'end' ? 'right-0' : 'left-0',
          )}
        >
          {children}
        </div>
      )}
    </div>
  )
}
