/**
 * Where one stream's sync stands, and the pure arithmetic of moving it. Vendors page by page
 * number, newest first, and new runs push every older run down the list; so the backfill keeps
 * "how many runs from the top it has read, when the stream held how many", and shifts its next
 * page by the growth since. Rounding down re-reads a few runs (upserts make that harmless) and
 * never skips one.
 */
import * as z from 'zod'

export const streamCursorSchema = z.object({
  /** Runs read contiguously from the top, counted when the stream held `atTotal`. */
  readOffset: z.number().int().nonnegative(),
  atTotal: z.number().int().nonnegative(),
  /** The newest total the vendor reported for the stream. */
  total: z.number().int().nonnegative(),
  /** The backfill met the oldest run. */
  done: z.boolean(),
  /** Sort time of the oldest run read contiguously from the top: complete from here on. */
  frontierMs: z.number().nullable(),
  /** When the top of the stream was last re-read. */
  lastTopMs: z.number().nullable(),
})
export type StreamCursor = z.infer<typeof streamCursorSchema>

export const freshCursor: StreamCursor = {
  readOffset: 0,
  atTotal: 0,
  total: 0,
  done: false,
  frontierMs: null,
  lastTopMs: null,
}

/** The page (from 1) that holds the first run the backfill has not read yet. */
export function nextBackfillPage(cursor: StreamCursor, pageSize: number): number {
  const shift = Math.max(0, cursor.total - cursor.atTotal)
  return Math.floor((cursor.readOffset + shift) / pageSize) + 1
}

export type PageRead = {
  page: number
  pageSize: number
  /** Sort times (start, else creation) of the runs on the page; null for undated runs. */
  sortTimes: readonly (number | null)[]
  total: number | undefined
}

function oldestOf(sortTimes: readonly (number | null)[]): number | null {
  let oldest: number | null = null
  for (const time of sortTimes)
    if (time !== null && (oldest === null || time < oldest)) oldest = time
  return oldest
}

/** The cursor after the backfill read `read`. */
export function afterBackfillPage(cursor: StreamCursor, read: PageRead): StreamCursor {
  const count = read.sortTimes.length
  const total = read.total ?? Math.max(cursor.total, (read.page - 1) * read.pageSize + count)
  const readOffset = (read.page - 1) * read.pageSize + count
  const oldest = oldestOf(read.sortTimes)
  const frontierMs =
    oldest === null ? cursor.frontierMs : Math.min(oldest, cursor.frontierMs ?? oldest)
  return {
    ...cursor,
    readOffset,
    atTotal: total,
    total,
    done: count < read.pageSize || readOffset >= total,
    frontierMs,
  }
}

/**
 * The cursor after the top of the stream was re-read down to `read`. The top's own pages count
 * as backfill when the backfill had not got that far yet (a fresh stream starts this way).
 */
export function afterTopPage(cursor: StreamCursor, read: PageRead, nowMs: number): StreamCursor {
  const total = read.total ?? cursor.total
  const grown = { ...cursor, total, lastTopMs: nowMs }
  const backfillPage = nextBackfillPage(grown, read.pageSize)
  if (!cursor.done && read.page >= backfillPage)
    return { ...afterBackfillPage(grown, read), lastTopMs: nowMs }
  return grown
}

export type TopContext = {
  /** The newest sort time stored for the stream before this refresh began. */
  storedNewestMs: number | null
  /** The oldest sort time of a recent run the store holds as still in flight. */
  oldestActiveMs: number | null
  maxPages: number
}

/**
 * Whether the top refresh reads one more page (`cursor` as it was before `read`): while the page was full and either still newer
 * than what the store held or not yet past the oldest run in flight (which may have finished).
 */
export function topContinues(cursor: StreamCursor, read: PageRead, context: TopContext): boolean {
  if (read.sortTimes.length < read.pageSize || read.page >= context.maxPages) return false
  // Past the backfill's frontier the backfill reads on; the top has nothing to catch up there.
  if (!cursor.done && read.page >= nextBackfillPage(cursor, read.pageSize)) return false
  const oldest = oldestOf(read.sortTimes)
  if (oldest === null) return true
  // An empty store has nothing to catch up to: the backfill reads on from page 2.
  const newerThanStored = context.storedNewestMs !== null && oldest >= context.storedNewestMs
  const beforeOldestActive = context.oldestActiveMs !== null && oldest > context.oldestActiveMs
  return newerThanStored || beforeOldestActive
}
