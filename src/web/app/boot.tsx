/**
 * Boots the SPA once its code has arrived: the first queries claim the early API responses
 * (see lib/early-fetch.ts) and React renders.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppProviders } from './providers'
import { createQueryClient } from './query-client'
import { createBrowserHistory } from '../lib/navigation'

const queryClient = createQueryClient()
const history = createBrowserHistory()

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <AppProviders queryClient={queryClient} history={history} />
  </StrictMode>,
)
