/**
 * Keyboard shortcuts of the runs page: `j`/`k` move focus between rows, `/` jumps to the
 * workflow search, `?` opens the help. All of them stay quiet
 * while the user types in a field or holds a modifier (browser and OS shortcuts win).
 */
import { useEffect, type RefObject } from 'react'

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type)
  }
  return false
}

export function moveRowFocus(body: HTMLElement | null, direction: 1 | -1): void {
  if (!body) return
  const rows = Array.from(body.querySelectorAll<HTMLElement>('tr[data-run-id]'))
  if (rows.length === 0) return
  const current = rows.findIndex((row) => row.contains(document.activeElement))
  const next =
    current < 0
      ? direction === 1
        ? 0
        : rows.length - 1
      : Math.min(Math.max(current + direction, 0), rows.length - 1)
  const row = rows[next]
  if (!row) return
  row.focus({ preventScroll: true })
  // jsdom has no layout, so no scrollIntoView.
  if (typeof row.scrollIntoView === 'function') row.scrollIntoView({ block: 'nearest' })
}

export function useRunsShortcuts({
  tableBodyRef,
  workflowInputRef,
  onShowHelp,
  isEnabled,
}: {
  tableBodyRef: RefObject<HTMLElement | null>
  workflowInputRef: RefObject<HTMLInputElement | null>
  onShowHelp: () => void
  isEnabled: boolean
}) {
  useEffect(() => {
    if (!isEnabled) return
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return
      if (isTypingTarget(event.target)) return
      switch (event.key) {
        case 'j':
          event.preventDefault()
          moveRowFocus(tableBodyRef.current, 1)
          break
        case 'k':
          event.preventDefault()
          moveRowFocus(tableBodyRef.current, -1)
          break
        case '/':
          event.preventDefault()
          workflowInputRef.current?.focus()
          break
        case '?':
          event.preventDefault()
          onShowHelp()
          break
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [isEnabled, tableBodyRef, workflowInputRef, onShowHelp])
}
