/**
 * Renders the real app (history, routes, providers) at a URL, with a fresh QueryClient that
 * never retries, so each test sees exactly one answer per request.
 */
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { AppProviders } from '../app/providers'
import { createQueryClient } from '../app/query-client'
import { createMemoryHistory } from '../lib/navigation'

export function renderApp(url = '/runs?source=demo-puq') {
  const queryClient = createQueryClient({ retry: false, refetchOnWindowFocus: false })
  const history = createMemoryHistory(url)
  const user = userEvent.setup()
  const result = render(<AppProviders queryClient={queryClient} history={history} />)
  return {
    ...result,
    user,
    history,
    queryClient,
    /** The current URL's search, parsed, e.g. `{ source: 'demo-puq', page: '2' }`. */
    search: () => Object.fromEntries(new URLSearchParams(history.location.search)),
  }
}
