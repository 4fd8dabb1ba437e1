/**
 * Boots the SPA once its code has arrived: the router is created (its first loader claims the
 * early API responses) and React renders.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppProviders } from './providers'
import { createQueryClient } from './query-client'
import { createAppRouter } from './router'

const queryClient = createQueryClient()
const router = createAppRouter({ queryClient })

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <AppProviders queryClient={queryClient} router={router} />
  </StrictMode>,
)
