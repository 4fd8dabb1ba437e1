/**
 * The small contract between the HTTP pipeline and each vendor's routes: a request already
 * split from its vendor prefix, and an answer as status, serialized body and headers (so
 * faults can break the body after routing, like a proxy would).
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { VendorName } from './history'
import type { RateLimitVerdict } from './rate-limit'

export type VendorRequest = {
  /** Path below the vendor prefix, e.g. `/v1/executions`. */
  path: string
  params: URLSearchParams
  headers: IncomingHttpHeaders
  nowMs: number
}

export type VendorResponse = {
  status: number
  body: string
  headers: Record<string, string>
}

export type VendorApi = {
  vendor: VendorName
  /** The vendor's 401 answer when the request's credentials are missing or wrong. */
  authFailure(headers: IncomingHttpHeaders): VendorResponse | null
  route(request: VendorRequest): VendorResponse
  methodNotAllowed(method: string): VendorResponse
  serverError(status: 500 | 502 | 503): VendorResponse
  rateLimited(verdict: RateLimitVerdict): VendorResponse
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): VendorResponse {
  return { status, body: JSON.stringify(value), headers }
}

/** Path segments, URL-decoded; null when a segment is not valid percent-encoding. */
export function pathSegments(path: string): string[] | null {
  try {
    return path
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment))
  } catch {
    return null
  }
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name]
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

export const isoTime = (ms: number): string => new Date(ms).toISOString()
