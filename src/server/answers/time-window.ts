/**
 * `from`/`to` with their defaults (the 7 days up to now), checked once the defaults apply:
 * one place for the runs and the stats answers.
 */
import { maxWindowDays } from '../../shared/api-params'
import { ApiError } from '../errors'

const dayMs = 86_400_000
const defaultWindowMs = 7 * dayMs

export function resolveWindow(
  query: { from?: string | undefined; to?: string | undefined },
  nowMs: number,
): { fromMs: number; toMs: number } {
  const toMs = query.to === undefined ? nowMs : Date.parse(query.to)
  const fromMs = query.from === undefined ? toMs - defaultWindowMs : Date.parse(query.from)
  if (fromMs >= toMs) throw new ApiError('BAD_REQUEST', 'from: must be before to')
  if (toMs - fromMs > maxWindowDays * dayMs) {
    throw new ApiError(
      'BAD_REQUEST',
      `from: the window from from to to must be at most ${maxWindowDays} days`,
    )
  }
  return { fromMs, toMs }
}
