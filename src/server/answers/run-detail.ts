/**
 * One run by id from the store. A puq run whose steps were not read yet, or that the store
 * does not hold yet, is read through from the vendor (one request) and stored. A Trigify run
 * (no run endpoint) the backfill has not reached says how far the history is read, never
 * "no longer exists" while it may still come.
 */
import type { RunDetail } from '../../shared/model'
import { ApiError } from '../errors'
import type { RunStore } from '../store/types'
import type { SourceSync } from '../sync/source-sync'

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

export async function runDetail(
  store: RunStore,
  sync: SourceSync,
  id: string,
  workflow: string | undefined,
): Promise<RunDetail> {
  let stored = await store.getRun(sync.source, id)
  const canReadThrough = sync.feed.readDetail !== undefined
  if (canReadThrough && (stored === undefined || stored.steps === null)) {
    try {
      await sync.readThrough(id)
      stored = await store.getRun(sync.source, id)
    } catch (error) {
      // A stored listing is still worth showing when the vendor fails to give its steps.
      if (stored === undefined || !(error instanceof ApiError)) throw error
    }
  }
  if (stored !== undefined && (workflow === undefined || stored.run.workflowId === workflow)) {
    const { fingerprint } = stored
    return {
      ...stored.run,
      steps: stored.steps,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    }
  }
  const label = sync.feed.info.label
  const { complete, coveredFromMs } = sync.coverage(workflow)
  if (complete || canReadThrough) {
    throw new ApiError(
      'NOT_FOUND',
      `Run ${id} is not on ${label}${workflow === undefined ? '' : ` in workflow ${workflow}`}`,
      {
        source: sync.source,
      },
    )
  }
  const progress = await sync.progress()
  const back = coveredFromMs === null ? '' : ` back to ${dateFormat.format(coveredFromMs)}`
  const left = progress.etaSeconds === undefined ? '' : `, about ${progress.etaSeconds} s left`
  throw new ApiError(
    'NOT_FOUND',
    `Run ${id} is not read yet: ${label}'s history is read${back}${left}. Try again when the history is read.`,
    { source: sync.source },
  )
}
