/**
 * The runs page's view state, read from and written to the URL. Reading parses the query
 * string with the page's schema (memoized per URL); writing starts from the URL as it is at
 * the moment of the call, so two updates in one event never undo each other.
 */
import { useCallback, useMemo } from 'react'
import { useHistory, useLocation } from '../../lib/navigation'
import { parseSearch } from '../../lib/search-serializer'
import { parseRunsSearch, runsHref, type RunsSearch } from './runs-search'

export function useRunsSearch(): RunsSearch {
  const { search } = useLocation()
  return useMemo(() => parseRunsSearch(parseSearch(search)), [search])
}

export type SetRunsSearch = (
  update: Partial<RunsSearch> | ((current: RunsSearch) => RunsSearch),
  options?: { replace?: boolean },
) => void

/** Pushes a history entry (back undoes it) unless `replace` is asked for. */
export function useSetRunsSearch(): SetRunsSearch {
  const history = useHistory()
  return useCallback<SetRunsSearch>(
    (update, options = {}) => {
      const current = parseRunsSearch(parseSearch(history.location.search))
      const next = typeof update === 'function' ? update(current) : { ...current, ...update }
      const href = runsHref(next)
      if (href === history.location.pathname + history.location.search) return
      if (options.replace) history.replace(href)
      else history.push(href)
    },
    [history],
  )
}
