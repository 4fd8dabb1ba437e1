/**
 * The one modal primitive (the run drawer and the shortcuts help): a fixed layer with a backdrop
 * and a `role="dialog"` panel that owns what a modal must. Focus moves into the panel when it mounts
 * and back out when it unmounts (closed by Escape, a button or the browser's back button alike),
 * Tab wraps inside it, Escape closes it from anywhere on the page, and the page behind stays
 * still.
 *
 * Rendered in place, not in a portal: the server renders a deep link's open drawer (a portal
 * cannot be rendered there), and the browser hydrates that very markup. The layer is fixed and
 * above everything, and no ancestor of it makes a containing block or a stacking context.
 *
 * Not the native `<dialog>` with `showModal()`: jsdom (the component tests) has no
 * `showModal`, so the focus rules could only be tested in a browser, and a widget inside that
 * handles Escape itself (a popover) stops the key here by `preventDefault`, which the native
 * dialog's close request does not consult in every engine.
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react'

const focusableSelector =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export type ModalProps = {
  labelledBy: string
  onClose: () => void
  /** Where focus goes when the modal closes (the row that opened it); else where it was. */
  returnFocusTo?: HTMLElement | null | undefined
  /** What takes focus on opening; the panel itself when unset. */
  initialFocusRef?: RefObject<HTMLElement | null> | undefined
  /** Classes of the fixed layer that holds the backdrop and the panel (its placement). */
  layerClassName: string
  backdropClassName: string
  panelClassName: string
  children: ReactNode
}

export function Modal(props: ModalProps) {
  const { labelledBy, onClose, returnFocusTo, children } = props
  const panelRef = useRef<HTMLDivElement>(null)
  useModalFocus(props.initialFocusRef ?? panelRef, returnFocusTo)
  useEscapeCloses(onClose)

  return (
    <div className={props.layerClassName}>
      <div aria-hidden="true" className={props.backdropClassName} onClick={onClose} />
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        onKeyDown={(event) => trapTab(event.nativeEvent, panelRef.current)}
        className={props.panelClassName}
      >
        {children}
      </div>
    </div>
  )
}

/** Keeps Tab and Shift+Tab inside the panel, wrapping at either end. */
function trapTab(event: KeyboardEvent, panel: HTMLElement | null) {
  if (event.key !== 'Tab' || !panel) return
  const focusables = Array.from(panel.querySelectorAll<HTMLElement>(focusableSelector))
  const first = focusables[0]
  const last = focusables.at(-1)
  if (!first || !last) {
    event.preventDefault()
    return
  }
  const active = document.activeElement
  if (event.shiftKey && (active === first || active === panel)) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && active === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * Escape closes from anywhere on the page while the modal is open; a widget inside that
 * handles Escape itself (a popover) prevents the event's default before it gets here.
 */
function useEscapeCloses(onClose: () => void) {
  const onCloseRef = useRef(onClose)
  useLayoutEffect(() => {
    onCloseRef.current = onClose
  })
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      event.preventDefault()
      onCloseRef.current()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])
}

function useModalFocus(
  initialFocusRef: RefObject<HTMLElement | null>,
  returnFocusTo: HTMLElement | null | undefined,
) {
  const returnRef = useRef(returnFocusTo)
  useLayoutEffect(() => {
    returnRef.current = returnFocusTo
  })
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    initialFocusRef.current?.focus({ preventScroll: true })
    const { overflow } = document.body.style
    document.body.style.overflow = 'hidden'
    return () => {
      document.body.style.overflow = overflow
      const target = returnRef.current?.isConnected ? returnRef.current : previous
      if (target?.isConnected) target.focus({ preventScroll: false })
    }
  }, [initialFocusRef])
}
