/** Everything the app needs around it: the error boundary, React Query, the history, the shell. */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { HistoryProvider, type AppHistory } from '../lib/navigation'
import { AppRoutes } from './app-routes'
import { AppErrorBoundary } from './error-boundary'
import { AppLayout } from './layout/app-layout'

export function AppProviders({
  queryClient,
  history,
}: {
  queryClient: QueryClient
  history: AppHistory
}) {
  return (
    <AppErrorBoundary scope="app">
      <QueryClientProvider client={queryClient}>
        <HistoryProvider history={history}>
          <AppLayout>
            <AppRoutes />
          </AppLayout>
        </HistoryProvider>
      </QueryClientProvider>
    </AppErrorBoundary>
  )
}
