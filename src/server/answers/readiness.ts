/**
 * Before a source's first sync has stored anything, an answer waits (within the API deadline)
 * for the sync's first pages, so a new user never sees an empty table; if the vendor fails
 * first, the answer is that fault in words (a rejected key, a rate limit), as before the store.
 */
import { ApiError } from '../errors'
import type { SourceSync } from '../sync/source-sync'
import { currentDeadline, describeDuration, timeLeftMs } from '../upstream/request-context'

/** How long an answer waits for a source's first pages before answering what is stored. */
export const firstPagesWaitMs = 10_000

export async function whenAnswerable(sync: SourceSync, waitMs = firstPagesWaitMs): Promise<void> {
  if (!sync.isReady()) {
    const left = timeLeftMs() ?? waitMs
    await sync.settled(Math.min(waitMs, left))
    // Said as the limit that ended the wait: the answer's whole deadline, or the wait's own.
    const waited = left < waitMs ? (currentDeadline()?.ms ?? left) : waitMs
    if (!sync.isReady() && sync.blockingFailure() === undefined) {
      // An empty table would say "no runs"; when nothing was read at all, say what happened.
      const progress = await sync.progress()
      if (progress.runsStored === 0 && progress.lastSyncAt === undefined) {
        throw new ApiError(
          'UPSTREAM_TIMEOUT',
          `${sync.feed.info.label} did not answer within ${describeDuration(waited)}; Runboard keeps asking, so try again in a moment`,
          { source: sync.source },
        )
      }
    }
  }
  const failure = sync.blockingFailure()
  if (failure !== undefined) throw failure
}
