/**
 * React Query defaults for Runboard: data is fresh for 10 s (runs change, but not every
 * second), and only failures another attempt could fix are retried, once.
 */
import { QueryClient, type DefaultOptions } from '@tanstack/react-query'
import { isRetryableError } from '../lib/api-client'

export const defaultQueryOptions = {
  queries: {
    staleTime: 10_000,
    retry: (failureCount, error) => failureCount < 1 && isRetryableError(error),
    refetchOnWindowFocus: true,
  },
} satisfies DefaultOptions

export function createQueryClient(overrides: DefaultOptions['queries'] = {}): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { ...defaultQueryOptions.queries, ...overrides } },
  })
}
