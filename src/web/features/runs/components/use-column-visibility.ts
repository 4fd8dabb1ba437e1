/**
 * Which columns the table shows: those the reader has not hidden (remembered in storage) and,
 * for optional fields, only those the rows on screen carry.
 */
import { useMemo, useState } from 'react'
import * as z from 'zod/mini'
import type { Run } from '../../../../shared/model'
import { readStored, writeStored } from '../../../lib/stored-state'
import { useIsHydrated } from '../../../lib/use-hydrated'
import { availableOptionalColumns, runColumnIds, runColumns, type RunColumnId } from './columns'

const hiddenColumnsKey = 'runboard.runs.hidden-columns'
const hiddenColumnsSchema = z.array(z.enum(runColumnIds))

export function useColumnVisibility(displayed: readonly Run[]) {
  // Storage is the browser's: a server-rendered page shows every column until it hydrates.
  const isHydrated = useIsHydrated()
  const stored = useMemo(
    () => (isHydrated ? readStored(hiddenColumnsKey, hiddenColumnsSchema, []) : []),
    [isHydrated],
  )
  const [chosen, setChosen] = useState<RunColumnId[] | undefined>(undefined)
  const hiddenColumns = chosen ?? stored
  const availableFields = useMemo(() => availableOptionalColumns(displayed), [displayed])
  const columnVisibility = Object.fromEntries(
    runColumns.map((column) => {
      const id = column.id ?? ''
      const optional = column.meta?.optionalField
      const isVisible =
        !hiddenColumns.some((hidden) => hidden === id) &&
        (optional === undefined || availableFields.has(optional))
      return [id, isVisible]
    }),
  )
  const setHiddenColumns = (next: RunColumnId[]) => {
    setChosen(next)
    writeStored(hiddenColumnsKey, next)
  }
  return { hiddenColumns, setHiddenColumns, availableFields, columnVisibility }
}
