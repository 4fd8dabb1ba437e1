/** The Failures view's state, read from the URL (memoized per URL). */
import { useMemo } from 'react'
import { useLocation } from '../../lib/navigation'
import { parseSearch } from '../../lib/search-serializer'
import { parseFailuresSearch, type FailuresSearch } from './failures-search'

export function useFailuresSearch(): FailuresSearch {
  const { search } = useLocation()
  return useMemo(() => parseFailuresSearch(parseSearch(search)), [search])
}
