/**
 * The one error type the API answers with. Everything that can go wrong (a bad parameter, a
 * vendor rejecting the key, a vendor answering garbage) becomes an ApiError, so routes never
 * hand-build error bodies and the `{ error: { code, message, source?, retryAfterSeconds? } }`
 * shape stays the same everywhere.
 */
import type { ApiErrorBody, ErrorCode } from '../shared/model'

const statusByCode: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  /** A `Host` this server does not answer to (DNS rebinding). */
  MISDIRECTED: 421,
  /** Too many failed access-token attempts from one client. */
  RATE_LIMITED: 429,
  UPSTREAM_AUTH: 502,
  UPSTREAM_FORBIDDEN: 502,
  UPSTREAM_RATE_LIMITED: 503,
  UPSTREAM_TIMEOUT: 504,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_BAD_DATA: 502,
  INTERNAL: 500,
}

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly source: string | undefined
  readonly retryAfterSeconds: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    extra: { source?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.source = extra.source
    this.retryAfterSeconds = extra.retryAfterSeconds
  }

  get httpStatus(): number {
    return statusByCode[this.code]
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.source === undefined ? {} : { source: this.source }),
        ...(this.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: this.retryAfterSeconds }),
      },
    }
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}
