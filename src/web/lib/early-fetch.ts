/**
 * Starts the first page's API requests from the entry chunk, before React and zod
 * have even downloaded: on a deep link the data is on its way while the app boots. The app's
 * API client takes these responses (once each, by exact path) instead of asking again; a path
 * the app never asks for (an invalid URL it will correct) is simply never used.
 */
import { firstApiPaths } from '../../shared/api-path'

const early = new Map<string, Promise<Response>>()
/** An unclaimed response is stale after this long; live data must not come from the past. */
const maxAgeMs = 5_000

function start(path: string): void {
  const response = fetch(path, { headers: { accept: 'application/json' } })
  // An early request that fails is retried by the app as usual; do not report it twice.
  response.catch(() => undefined)
  early.set(path, response)
  setTimeout(() => early.delete(path), maxAgeMs)
}

export function startEarlyFetches(location: Pick<Location, 'pathname' | 'search'>): void {
  for (const path of firstApiPaths(location.pathname, location.search)) start(path)
}

export function takeEarlyResponse(path: string): Promise<Response> | undefined {
  const response = early.get(path)
  early.delete(path)
  return response
}
