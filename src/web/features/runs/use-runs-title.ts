/**
 * The tab's title: tabs and history entries should say which view they hold, and with the
 * drawer open, which run (a tab left on a run is found again by its id).
 */
import { useEffect } from 'react'

export function runsTitle({
  sourceLabel,
  runId,
  workflowName,
}: {
  sourceLabel: string
  runId: string | undefined
  /** The open run's workflow, when the page knows it. */
  workflowName: string | undefined
}): string {
  if (runId === undefined) return `Runs · ${sourceLabel} · Runboard`
  return `Run ${runId} · ${workflowName ?? sourceLabel} · Runboard`
}

export function useRunsTitle(parts: Parameters<typeof runsTitle>[0]): void {
  const title = runsTitle(parts)
  useEffect(() => {
    document.title = title
  }, [title])
}
