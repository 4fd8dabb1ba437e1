/**
 * Turning the page from the keyboard: `j` on the last row asks for the next page, and once
 * that page's own rows are on screen (not the previous page kept as a placeholder) focus
 * lands on its first row, so `j` keeps walking down the history.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react'
import { focusRow } from './use-runs-shortcuts'

export function usePageTurnFocus({
  tableBodyRef,
  page,
  pageCount,
  isSettled,
  onPageChange,
}: {
  tableBodyRef: RefObject<HTMLElement | null>
  page: number
  pageCount: number
  /** True once the rows on screen are the answer for `page`. */
  isSettled: boolean
  onPageChange: (page: number) => void
}): () => void {
  const pendingPage = useRef<number | undefined>(undefined)

  useEffect(() => {
    if (pendingPage.current !== page || !isSettled) return
    pendingPage.current = undefined
    focusRow(tableBodyRef.current, 0)
  }, [page, isSettled, tableBodyRef])

  return useCallback(() => {
    if (page >= pageCount) return
    pendingPage.current = page + 1
    onPageChange(page + 1)
  }, [page, pageCount, onPageChange])
}
