/**
 * What an upstream client is made of and what its callers may ask of it, apart from the
 * client itself so that its file holds only the request logic.
 */
import type { Dispatcher } from 'undici'
import type { RateBudget } from './rate-budget'

export type UpstreamClientOptions = {
  /** Human name for messages: "Trigify", "puq.ai". */
  vendorName: string
  sourceId: string
  baseUrl: string
  apiKey: string
  authHeaders: Record<string, string>
  dispatcher: Dispatcher
  timeoutMs: number
  /** Path templates (relative to the base URL's path) this client may request. */
  allowedPaths: readonly RegExp[]
  rateBudget?: RateBudget
  /** Reads the vendor's error body into "CODE: message" for our messages. */
  describeErrorBody?: (body: unknown) => string | undefined
  now?: () => number
}

export type GetOptions = {
  query?: Record<string, string | number | undefined>
  /** Cache a successful parsed answer this long (0: do not cache). */
  ttlMs?: number
  /** Message for a vendor 404 (becomes NOT_FOUND); without it a 404 is bad data. */
  notFoundMessage?: string
}

export type UpstreamHealth = {
  reachable: boolean | null
  lastError?: string
  rateLimitRemaining?: number
  /** The window's size, as the vendor's headers said. */
  rateLimit?: number
}
