/**
 * While the pointer or keyboard focus is in the table, new runs do not push rows down under
 * it: the rows on screen stay put (their statuses still update) and a button offers the rest.
 */
import { useCallback, useMemo, useRef, useState, type FocusEvent, type RefObject } from 'react'
import type { Run } from '../../../../shared/model'

type Pin = { viewKey: string; runs: Run[] }

export function usePinnedRows({
  viewKey,
  latestPage,
  isPlaceholderData,
  tableBodyRef,
}: {
  /** The view the rows belong to: a pin holds only within it. */
  viewKey: string
  latestPage: Run[] | undefined
  isPlaceholderData: boolean
  tableBodyRef: RefObject<HTMLTableSectionElement | null>
}) {
  const [pin, setPin] = useState<Pin | null>(null)
  const isPointerInside = useRef(false)
  const latest = useMemo(() => latestPage ?? [], [latestPage])
  const activePin = pin?.viewKey === viewKey ? pin : null
  const displayed = useMemo(() => {
    if (!activePin) return latest
    const byId = new Map(latest.map((run) => [run.id, run]))
    return activePin.runs.map((run) => byId.get(run.id) ?? run)
  }, [activePin, latest])
  const newRunCount = activePin
    ? latest.filter((run) => !activePin.runs.some((pinned) => pinned.id === run.id)).length
    : 0

  const pinCurrent = useCallback(() => {
    if (isPlaceholderData || !latestPage) return
    setPin((current) => (current?.viewKey === viewKey ? current : { viewKey, runs: latestPage }))
  }, [isPlaceholderData, latestPage, viewKey])

  const showNewRuns = () => setPin(isPointerInside.current ? { viewKey, runs: latest } : null)

  /** Spread on the element around the table. */
  const pinningHandlers = {
    onPointerEnter: () => {
      isPointerInside.current = true
      pinCurrent()
    },
    onPointerLeave: () => {
      isPointerInside.current = false
      if (!tableBodyRef.current?.contains(document.activeElement)) setPin(null)
    },
    onFocus: pinCurrent,
    onBlur: (event: FocusEvent<HTMLElement>) => {
      const next = event.relatedTarget
      if (!isPointerInside.current && !(next instanceof Node && event.currentTarget.contains(next)))
        setPin(null)
    },
  }

  return { displayed, newRunCount, showNewRuns, pinningHandlers }
}
