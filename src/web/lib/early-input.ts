/**
 * Clicks and shortcut keys that land on the server's HTML before the app is live. The rows are
 * on screen well before the app's code has arrived; without this, a click in that time (on a
 * row, a filter, a page button) would do nothing at all. The entry chunk starts holding them,
 * and the app replays them on the same nodes once it has hydrated. Links are left alone: they
 * work without the app (the server renders where they go).
 */
type HeldInput = { target: EventTarget; replay: (target: Element) => void }

let held: HeldInput[] | undefined
let stopHolding: (() => void) | undefined

function isEditable(element: Element): boolean {
  return (
    element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !==
    null
  )
}

/** A key the app has a shortcut for and the browser no default action: `j`, `/`, `?`, Escape. */
function isShortcutKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false
  return event.key === 'Escape' || (event.key.length === 1 && event.key !== ' ')
}

function hold(event: Event, replay: HeldInput['replay']): void {
  // Held, not acted on twice: React's own replay of input during hydration must not see it.
  event.preventDefault()
  event.stopImmediatePropagation()
  held?.push({ target: event.target as EventTarget, replay })
}

export function holdEarlyInput(document: Document): void {
  if (held) return
  held = []
  const onClick = (event: MouseEvent) => {
    if (!(event.target instanceof Element) || event.target.closest('a[href]')) return
    const { clientX, clientY, ctrlKey, shiftKey, altKey, metaKey, button } = event
    const init = { clientX, clientY, ctrlKey, shiftKey, altKey, metaKey, button }
    hold(event, (target) =>
      target.dispatchEvent(new MouseEvent('click', { ...init, bubbles: true, cancelable: true })),
    )
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.target instanceof Element) || isEditable(event.target) || !isShortcutKey(event)) {
      return
    }
    const { key, code, shiftKey } = event
    hold(event, (target) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { key, code, shiftKey, bubbles: true })),
    )
  }
  document.addEventListener('click', onClick, true)
  document.addEventListener('keydown', onKeyDown, true)
  stopHolding = () => {
    document.removeEventListener('click', onClick, true)
    document.removeEventListener('keydown', onKeyDown, true)
  }
}

/** Stops holding and hands back what was held, oldest first. */
function release(): HeldInput[] {
  stopHolding?.()
  stopHolding = undefined
  const released = held ?? []
  held = undefined
  return released
}

/** Once the app is live: what was held happens now, on the nodes it was aimed at if still there. */
export function replayEarlyInput(): void {
  for (const { target, replay } of release()) {
    if (target instanceof Element && target.isConnected) replay(target)
  }
}

/** The app will not start (its code failed to load): input goes back to the plain page. */
export function dropEarlyInput(): void {
  release()
}
