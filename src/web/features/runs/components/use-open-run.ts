/** Opening and closing a run from the table, by the URL alone (`run`, `runSource`, `step`). */
import { useCallback } from 'react'
import type { Run } from '../../../../shared/model'
import { openRunSearch } from '../runs-search'
import type { SetRunsSearch } from '../use-runs-search'

export function useOpenRun({
  displayed,
  runId,
  viewSource,
  setSearch,
}: {
  displayed: readonly Run[]
  /** The open run in the URL. */
  runId: string | undefined
  viewSource: string
  setSearch: SetRunsSearch
}) {
  const openRun = useCallback(
    (id: string) => {
      const row = displayed.find((run) => run.id === id)
      if (row) setSearch(openRunSearch(row, viewSource))
    },
    [displayed, setSearch, viewSource],
  )
  const closeRun = useCallback(() => {
    if (runId !== undefined) setSearch({ run: undefined, runSource: undefined, step: undefined })
  }, [runId, setSearch])
  return { openRun, closeRun }
}
