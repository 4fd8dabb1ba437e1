/**
 * How the upstream client words a vendor's failures: one message per kind of fault, naming
 * the vendor, with the vendor's own error text where it helps, and never the key in any
 * spelling (see redact.ts): these messages reach the browser and /api/health. Kept apart from
 * the request logic so that each reads on its own.
 */
import { ApiError } from '../errors'
import { createRedactor, type Redactor } from './redact'

type ErrorCode = ConstructorParameters<typeof ApiError>[0]

export type VendorErrorsOptions = {
  vendorName: string
  sourceId: string
  apiKey: string
  /** Reads the vendor's error body into "CODE: message" for our messages. */
  describeErrorBody?: ((body: unknown) => string | undefined) | undefined
}

/** Vendor text quoted in a message is cut here: a whole HTML error page helps nobody. */
const maxDetailLength = 300

export class VendorErrors {
  private readonly scrub: Redactor

  constructor(private readonly options: VendorErrorsOptions) {
    this.scrub = createRedactor(options.apiKey)
  }

  error(code: ErrorCode, message: string): ApiError {
    return new ApiError(code, this.scrub(message), { source: this.options.sourceId })
  }

  /** A 4xx other than 429 (which the rate budget has to hear about) as our error. */
  forStatus(status: number, body: string, notFoundMessage: string | undefined): ApiError {
    const vendor = this.options.vendorName
    if (status === 401) {
      return this.error('UPSTREAM_AUTH', `The ${vendor} API rejected the configured API key`)
    }
    if (status === 402 || status === 403) {
      return this.error(
        'UPSTREAM_FORBIDDEN',
        `The ${vendor} API refused access with the configured API key${this.detail(body)}`,
      )
    }
    if (status === 404 && notFoundMessage !== undefined) {
      return this.error('NOT_FOUND', notFoundMessage)
    }
    return this.error(
      'UPSTREAM_BAD_DATA',
      `The ${vendor} API refused the request with HTTP ${status}${this.detail(body)}`,
    )
  }

  serverError(status: number, body: string): ApiError {
    return this.error(
      'UPSTREAM_UNAVAILABLE',
      `The ${this.options.vendorName} API failed with HTTP ${status}${this.detail(body)}`,
    )
  }

  /** The vendor's own words as " (CODE: message)", or '' when its body says nothing. */
  private detail(body: string): string {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      return ''
    }
    const detail = this.options.describeErrorBody?.(json)
    if (detail === undefined || detail === '') return ''
    // Scrubbed before it is cut, so that a cut cannot leave a part of the key unrecognised.
    return ` (${this.scrub(detail).slice(0, maxDetailLength)})`
  }
}
