/** Everything the app needs around it: the error boundary, React Query and the router. */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import type { AppRouter } from './router'
import { AppErrorBoundary } from './error-boundary'

export function AppProviders({
  queryClient,
  router,
}: {
  queryClient: QueryClient
  router: AppRouter
}) {
  return (
    <AppErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </AppErrorBoundary>
  )
}
