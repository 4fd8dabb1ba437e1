/**
 * Before a source's first sync has stored anything, an answer waits (within the API deadline)
 * for the sync's first pages, so a new user never sees an empty table; if the vendor fails
 * first, the answer is that fault in words (a rejected key, a rate limit), as before the store.
 */
import type { SourceSync } from '../sync/source-sync'

/** How long an answer waits for a source's first pages before answering what is stored. */
export const firstPagesWaitMs = 10_000

export async function whenAnswerable(sync: SourceSync, waitMs = firstPagesWaitMs): Promise<void> {
  if (!sync.isReady()) await sync.settled(waitMs)
  const failure = sync.blockingFailure()
  if (failure !== undefined) throw failure
}
