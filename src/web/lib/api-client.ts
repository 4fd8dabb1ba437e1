/**
 * The SPA's one way to call the server: same-origin GET, the answer parsed with a shared zod
 * schema, and every failure turned into an `ApiError` with a code the UI can explain. A body
 * that does not match its schema is an error too, so drift never renders as blank cells.
 */
import type * as z from 'zod/mini'
import { apiErrorSchema, type ErrorCode } from '../../shared/model'
import { takeEarlyResponse } from './early-fetch'

// Other features build their paths with it; it lives apart so the entry chunk can use it too.
export { apiPath, type QueryParams } from '../../shared/api-path'

/** The server's codes, plus the two failures that never reach the server or come back unread. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE'

type ApiErrorInit = {
  code: ApiErrorCode
  status: number
  message: string
  source?: string | undefined
  retryAfterSeconds?: number | undefined
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: ApiErrorCode
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number
  readonly source?: string | undefined
  readonly retryAfterSeconds?: number | undefined

  constructor(init: ApiErrorInit) {
    super(init.message)
    this.code = init.code
    this.status = init.status
    this.source = init.source
    this.retryAfterSeconds = init.retryAfterSeconds
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

/** How a GET of a same-origin `/api` path reaches the server. */
export type ApiTransport = (path: string, signal: AbortSignal | null) => Promise<Response>

const browserTransport: ApiTransport = (path, signal) =>
  takeEarlyResponse(path) ??
  // Absolute, because fetch outside a page (tests, workers) has no base to resolve against.
  fetch(new URL(path, window.location.origin), {
    headers: { accept: 'application/json' },
    signal,
  })

let transport = browserTransport

/**
 * Server rendering asks the server in-process instead (entry-server.tsx): set once, at startup,
 * before any query runs.
 */
export function setApiTransport(next: ApiTransport): void {
  transport = next
}

export async function apiGet<Schema extends z.ZodMiniType>(
  path: string,
  schema: Schema,
  options: { signal?: AbortSignal } = {},
): Promise<z.output<Schema>> {
  let response: Response
  try {
    response = await transport(path, options.signal ?? null)
  } catch (cause) {
    if (options.signal?.aborted) throw cause
    throw new ApiError({
      code: 'NETWORK',
      status: 0,
      message: 'The Runboard server could not be reached.',
    })
  }

  const body: unknown = await response.json().catch(() => undefined)

  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(body)
    if (parsed.success) throw new ApiError({ ...parsed.data.error, status: response.status })
    throw new ApiError({
      code: fallbackCode(response.status),
      status: response.status,
      message: `The server answered HTTP ${response.status}.`,
      retryAfterSeconds: retryAfterHeader(response),
    })
  }

  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new ApiError({
      code: 'BAD_RESPONSE',
      status: response.status,
      message: `The server's answer to ${path.split('?')[0] ?? path} did not match the expected shape.`,
    })
  }
  return parsed.data
}

function fallbackCode(status: number): ApiErrorCode {
  if (status === 401) return 'UNAUTHORIZED'
  if (status === 404) return 'NOT_FOUND'
  if (status === 429) return 'UPSTREAM_RATE_LIMITED'
  if (status === 504) return 'UPSTREAM_TIMEOUT'
  if (status === 502 || status === 503) return 'UPSTREAM_UNAVAILABLE'
  if (status >= 500) return 'INTERNAL'
  return 'BAD_REQUEST'
}

function retryAfterHeader(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'))
  return Number.isFinite(value) && value > 0 ? value : undefined
}

/**
 * Errors that another attempt cannot fix (a refused key, a bad parameter, data that does not
 * parse) or that must not be hammered (rate limits): retrying only delays the message.
 */
export function isRetryableError(error: unknown): boolean {
  if (!isApiError(error)) return true
  switch (error.code) {
    case 'UPSTREAM_TIMEOUT':
    case 'UPSTREAM_UNAVAILABLE':
    case 'INTERNAL':
    case 'NETWORK':
      return true
    default:
      return false
  }
}
