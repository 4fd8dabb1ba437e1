/**
 * The runs page's keys: the shortcuts, the help dialog they open, and arrowing past the last
 * row onto the next page.
 */
import { useCallback, useRef, useState } from 'react'
import { usePageTurnFocus } from './use-page-turn-focus'
import { useRunsShortcuts } from './use-runs-shortcuts'

export function useRunsKeyboard({
  page,
  pageCount,
  isSettled,
  isRunOpen,
  onPageChange,
}: {
  page: number
  pageCount: number
  isSettled: boolean
  /** The open run is a modal dialog with keys of its own (Escape closes it). */
  isRunOpen: boolean
  onPageChange: (page: number) => void
}) {
  const [isHelpOpen, setIsHelpOpen] = useState(false)
  const tableBodyRef = useRef<HTMLTableSectionElement>(null)
  const searchInputRef = useRef<HTMLInputElement>(null)
  const showHelp = useCallback(() => setIsHelpOpen(true), [setIsHelpOpen])
  const closeHelp = useCallback(() => setIsHelpOpen(false), [setIsHelpOpen])

  const turnPage = usePageTurnFocus({ tableBodyRef, page, pageCount, isSettled, onPageChange })
  useRunsShortcuts({
    tableBodyRef,
    searchInputRef,
    onShowHelp: showHelp,
    onPastLastRow: turnPage,
    isEnabled: !isHelpOpen && !isRunOpen,
  })
  return { tableBodyRef, searchInputRef, isHelpOpen, showHelp, closeHelp }
}
