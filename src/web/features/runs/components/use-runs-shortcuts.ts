/**
 * Keyboard shortcuts of the runs page: `j`/`k` move focus between rows (`j` on the last row
 * turns to the next page), `/` jumps to the run search (its text selected, so typing
 * replaces it), `?` opens the help. All of them stay quiet
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

function runRows(body: HTMLElement | null): HTMLElement[] {
  return body ? Array.from(body.querySelectorAll<HTMLElement>('tr[data-run-id]')) : []
}

/** Focuses the row at `index` of the table body (negative counts from the end). */
export function focusRow(body: HTMLElement | null, index: number): void {
  const row = runRows(body).at(index)
  if (!row) return
  row.focus({ preventScroll: true })
  // jsdom has no layout, so no scrollIntoView.
  if (typeof row.scrollIntoView === 'function') row.scrollIntoView({ block: 'nearest' })
}

/**
 * Moves focus one row down or up; says `past-last` instead when focus is already on the last
 * row going down, so the page can turn to the next one.
 */
export function moveRowFocus(body: HTMLElement | null, direction: 1 | -1): 'moved' | 'past-last' {
  const rows = runRows(body)
  const current = rows.findIndex((row) => row.contains(document.activeElement))
  if (direction === 1 && current >= 0 && current === rows.length - 1) return 'past-last'
  const next =
    current < 0
      ? direction === 1
        ? 0
        : -1
      : Math.min(Math.max(current + direction, 0), rows.length - 1)
  focusRow(body, next)
  return 'moved'
}

export function useRunsShortcuts({
  tableBodyRef,
  searchInputRef,
  onShowHelp,
  onPastLastRow,
  isEnabled,
}: {
  tableBodyRef: RefObject<HTMLElement | null>
  searchInputRef: RefObject<HTMLInputElement | null>
  onShowHelp: () => void
  /** `j` on the last row: the next page, when there is one. */
  onPastLastRow: () => void
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
          if (moveRowFocus(tableBodyRef.current, 1) === 'past-last') onPastLastRow()
          break
        case 'k':
          event.preventDefault()
          moveRowFocus(tableBodyRef.current, -1)
          break
        case '/':
          event.preventDefault()
          searchInputRef.current?.focus()
          searchInputRef.current?.select()
          break
        case '?':
          event.preventDefault()
          onShowHelp()
          break
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [isEnabled, tableBodyRef, searchInputRef, onShowHelp, onPastLastRow])
}
