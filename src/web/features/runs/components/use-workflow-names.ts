/** The source's workflows, and their names by id for the cells, the filter words and the title. */
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { runQueries } from '../api/run-queries'

export function useWorkflowNames(sourceId: string) {
  const workflows = useQuery(runQueries.workflows(sourceId))
  const workflowNames = useMemo(
    () => new Map((workflows.data?.items ?? []).map((workflow) => [workflow.id, workflow.name])),
    [workflows.data],
  )
  return { workflows, workflowNames }
}
