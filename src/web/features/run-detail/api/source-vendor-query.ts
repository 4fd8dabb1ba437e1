/**
 * Which vendor a source speaks, so the drawer can say "Trigify does not report steps" instead
 * of a vague "this source". The key and the body are the sources feature's own
 * (`['sources', 'list']`, parsed with the shared schema), so both read one cache entry and no
 * extra request is made once the page has loaded its sources.
 */
import { queryOptions } from '@tanstack/react-query'
import { sourcesResponseSchema } from '../../../../shared/model'
import { apiGet } from '../../../lib/api-client'

export const sourceListQuery = () =>
  queryOptions({
    queryKey: ['sources', 'list'] as const,
    queryFn: ({ signal }) => apiGet('/api/sources', sourcesResponseSchema, { signal }),
    staleTime: 5 * 60_000,
  })
