/** The root route: the app shell around every page, and the context loaders read. */
import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext } from '@tanstack/react-router'
import { AppLayout } from '../layout/app-layout'
import { NotFound, RouteErrorFallback } from '../route-error'

export type RouterContext = { queryClient: QueryClient }

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  errorComponent: RouteErrorFallback,
  notFoundComponent: NotFound,
})
