/**
 * Turns an error from the API client into words a person can act on. The vendor is named
 * because "the key was rejected" means nothing until you know whose key.
 */
import type { Vendor } from '../../shared/model'
import { isApiError } from './api-client'

export type ErrorDescription = {
  title: string
  detail?: string
  /** Seconds to wait before trying again, when the server said so. */
  retryAfterSeconds?: number | undefined
  /**
   * Whether pressing Retry can help. False for configuration problems (a key the vendor
   * refuses stays refused until someone changes the server's environment): the detail then
   * says what to do instead, and no Retry button is offered.
   */
  isRetryable: boolean
}

export const vendorLabels: Record<Vendor, { name: string; keyVariable: string }> = {
  trigify: { name: 'Trigify', keyVariable: 'TRIGIFY_API_KEY' },
  puq: { name: 'puq.ai', keyVariable: 'PUQ_API_KEY' },
}

export function describeError(error: unknown, vendor?: Vendor): ErrorDescription {
  const name = vendor ? vendorLabels[vendor].name : 'The vendor'
  const api = vendor ? `The ${name} API` : 'The vendor API'
  if (!isApiError(error)) {
    return { title: 'Something went wrong while loading this view.', isRetryable: true }
  }
  switch (error.code) {
    case 'UPSTREAM_AUTH':
      return {
        title: `${api} rejected the configured API key.`,
        detail: `Check ${vendor ? vendorLabels[vendor].keyVariable : 'the API key'} in the server's environment, then restart the server.`,
        isRetryable: false,
      }
    case 'UPSTREAM_FORBIDDEN':
      return {
        title: `${api} refused access with the configured API key.`,
        detail: `The key is valid but its account may lack a subscription or permission for this data. Check the account, or set ${vendor ? vendorLabels[vendor].keyVariable : 'the API key'} in the server's environment to another key and restart the server.`,
        isRetryable: false,
      }
    case 'UPSTREAM_RATE_LIMITED':
      return {
        title: `${name} is rate limiting requests.`,
        detail:
          error.retryAfterSeconds !== undefined
            ? `Try again in ${Math.ceil(error.retryAfterSeconds)} seconds.`
            : 'Wait a moment and try again.',
        retryAfterSeconds: error.retryAfterSeconds,
        isRetryable: true,
      }
    case 'UPSTREAM_TIMEOUT':
      return {
        title: `${name} did not answer in time.`,
        detail: 'The vendor may be slow or overloaded. Try again in a moment.',
        isRetryable: true,
      }
    case 'UPSTREAM_UNAVAILABLE':
      return {
        title: `${name} is unavailable right now.`,
        detail: 'The vendor API could not be reached or answered with a server error.',
        isRetryable: true,
      }
    case 'UPSTREAM_BAD_DATA':
      return {
        title: `${name} answered with data Runboard could not read.`,
        detail: 'The vendor may have changed its API. The server log has the details.',
        isRetryable: true,
      }
    case 'BAD_RESPONSE':
      return {
        title: 'The Runboard server answered with data this page could not read.',
        detail: 'The page and the server may be different versions. Reload the page.',
        isRetryable: true,
      }
    case 'BAD_REQUEST':
      return {
        title: 'The server refused this request.',
        detail: error.message,
        isRetryable: false,
      }
    case 'NOT_FOUND':
      return {
        title: 'Not found.',
        detail: `${error.message} Check the source and workflow in the filters.`,
        isRetryable: false,
      }
    case 'UNAUTHORIZED':
      return {
        title: 'You are not signed in to Runboard.',
        detail: 'Reload the page to sign in again.',
        isRetryable: false,
      }
    case 'NETWORK':
      return {
        title: 'The Runboard server could not be reached.',
        detail: 'Check your connection, or whether the server is running.',
        isRetryable: true,
      }
    default:
      return {
        title: 'The Runboard server hit an unexpected error.',
        detail: error.message,
        isRetryable: true,
      }
  }
}
