/**
 * The integration tests' expected values, read straight from a sandbox with this file's own
 * minimal schemas of what the vendors send (from their docs), never with the server's readers:
 * a reader that drops or misreads a field must not also write the expectation it is tested
 * against. Reading through `oracle` leaves the server's request counts alone.
 */
import * as z from 'zod/mini'
import { oracle, type Sandbox } from './harness'

/** A run as the tests compare it: its id, lower-case status and start (else creation) time. */
export type TruthRun = { id: string; status: string; time: number }

/** Newest first by start time, ties by id descending: the order the store answers in. */
export const newestFirst = (a: TruthRun, b: TruthRun) => b.time - a.time || (a.id < b.id ? 1 : -1)

const trigifyWorkflows = z.object({
  data: z.object({ items: z.array(z.looseObject({ id: z.string() })) }),
})

const trigifyExecutionPage = z.object({
  data: z.looseObject({
    executions: z.array(
      z.looseObject({ run_id: z.string(), status: z.string(), started_at: z.string() }),
    ),
  }),
})

const puqExecutionPage = z.looseObject({
  items: z.array(
    z.looseObject({
      id: z.string(),
      status: z.string(),
      started_at: z.nullish(z.string()),
      created_at: z.string(),
    }),
  ),
  succeeded: z.number(),
  failed: z.number(),
})

export const puqWorkflows = z.array(z.looseObject({ id: z.string(), name: z.string() }))

export const puqExecution = z.looseObject({
  steps: z.nullish(z.array(z.looseObject({ id: z.string() }))),
})

export async function trigifyWorkflowIds(sandbox: Sandbox): Promise<string[]> {
  const list = trigifyWorkflows.parse(await oracle(sandbox, '/trigify/v1/workflows?limit=100'))
  return list.data.items.map((item) => item.id)
}

/** Every Trigify run of every workflow, page by page, newest first. */
export async function trigifyTruth(
  sandbox: Sandbox,
): Promise<(TruthRun & { workflowId: string })[]> {
  const runs: (TruthRun & { workflowId: string })[] = []
  for (const workflowId of await trigifyWorkflowIds(sandbox)) {
    for (let page = 1; ; page += 1) {
      const body = trigifyExecutionPage.parse(
        await oracle(
          sandbox,
          `/trigify/v1/workflows/${workflowId}/executions?page=${page}&page_size=100`,
        ),
      )
      for (const execution of body.data.executions) {
        runs.push({
          id: execution.run_id,
          status: execution.status === 'completed' ? 'succeeded' : execution.status,
          time: Date.parse(execution.started_at),
          workflowId,
        })
      }
      if (body.data.executions.length < 100) break
    }
  }
  return runs.sort(newestFirst)
}

/** One page of puq's execution list as puq counts it (`query` starts with `&`). */
export async function puqPage(sandbox: Sandbox, query: string) {
  return puqExecutionPage.parse(await oracle(sandbox, `/puq/v1/executions?${query}`))
}

/** Every puq run of a filter (`query` starts with `&`), newest first. */
export async function puqTruth(sandbox: Sandbox, query = ''): Promise<TruthRun[]> {
  const runs: TruthRun[] = []
  for (let page = 1; ; page += 1) {
    const list = await puqPage(sandbox, `page=${page}&limit=100${query}`)
    for (const item of list.items) {
      runs.push({
        id: item.id,
        status: item.status.toLowerCase(),
        time: Date.parse(item.started_at ?? item.created_at),
      })
    }
    if (list.items.length < 100) break
  }
  return runs.sort(newestFirst)
}
