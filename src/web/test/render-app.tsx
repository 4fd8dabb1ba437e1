/**
 * Renders the real app (router, routes, providers) at a URL, with a fresh QueryClient that
 * never retries, so each test sees exactly one answer per request.
 */
import { createMemoryHistory } from '@tanstack/react-router'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { AppProviders } from '../app/providers'
import { createQueryClient } from '../app/query-client'
import { createAppRouter } from '../app/router'

export function renderApp(url = '/runs?source=demo-puq') {
  const queryClient = createQueryClient({ retry: false, refetchOnWindowFocus: false })
  const history = createMemoryHistory({ initialEntries: [url] })
  const router = createAppRouter({ queryClient }, history)
  const user = userEvent.setup()
  const result = render(<AppProviders queryClient={queryClient} router={router} />)
  return {
    ...result,
    user,
    router,
    queryClient,
    /** The current URL's search, parsed, e.g. `{ source: 'demo-puq', page: '2' }`. */
    search: () => Object.fromEntries(new URLSearchParams(router.state.location.searchStr)),
  }
}
