/**
 * Fixtures of the store contract: times are minutes after T0 (a Saturday midnight UTC), and
 * each test opens a store of its own through `useStores`, closed after it.
 */
import { afterEach } from 'vitest'
import type { Run } from '../../../shared/model'
import type { RunStore } from '../types'

export type OpenStore = () => Promise<RunStore>

export const T0 = Date.UTC(2026, 0, 10)
export const minute = 60_000
export const hour = 60 * minute
export const day = 24 * hour
export const at = (minutes: number) => new Date(T0 + minutes * minute).toISOString()

export function run(id: string, minutes: number | undefined, fields: Partial<Run> = {}): Run {
  return {
    id,
    source: 's1',
    workflowId: 'wf-a',
    status: 'succeeded',
    vendorStatus: 'SUCCESS',
    ...(minutes === undefined ? {} : { startedAt: at(minutes) }),
    ...fields,
  }
}

export const ids = (runs: readonly Run[]) => runs.map((r) => r.id)

/** A fresh store per call, every one closed after the test that opened it. */
export function useStores(open: OpenStore): () => Promise<RunStore> {
  const opened: RunStore[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)))
  })
  return async () => {
    const store = await open()
    opened.push(store)
    return store
  }
}
