/**
 * Opening and closing a run from the table. The workflow of the run opened from a row is kept
 * while it stays open, even when a refresh moves the run off the page, so the detail query
 * (keyed by it, as Trigify finds a run by workflow) does not start over.
 */
import { useCallback, useState } from 'react'
import { allSourcesId, type Run } from '../../../../shared/model'
import type { SetRunsSearch } from '../use-runs-search'

export function useOpenRun({
  displayed,
  runId,
  workflowFilter,
  viewSource,
  setSearch,
}: {
  displayed: readonly Run[]
  /** The open run in the URL. */
  runId: string | undefined
  workflowFilter: string | undefined
  /** The view's source: on `all` the URL also names the opened run's own source. */
  viewSource?: string
  setSearch: SetRunsSearch
}) {
  const [openedWorkflow, setOpenedWorkflow] = useState<{ runId: string; workflowId: string }>()
  const openRun = useCallback(
    (id: string) => {
      const row = displayed.find((run) => run.id === id)
      if (row) setOpenedWorkflow({ runId: id, workflowId: row.workflowId })
      const runSource = viewSource === allSourcesId ? row?.source : undefined
      setSearch({ run: id, runSource, step: undefined })
    },
    [displayed, setSearch, viewSource],
  )
  const closeRun = useCallback(() => {
    if (runId !== undefined) setSearch({ run: undefined, runSource: undefined, step: undefined })
  }, [runId, setSearch])
  const openWorkflowId =
    openedWorkflow !== undefined && openedWorkflow.runId === runId
      ? openedWorkflow.workflowId
      : workflowFilter
  return { openWorkflowId, openRun, closeRun }
}
