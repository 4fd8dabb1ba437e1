/**
 * The route tree, built in code, and the router. Search params use Runboard's readable
 * serializer; React Query owns caching, so the router never treats loader data as fresh.
 */
import { createRouter, type RouterHistory } from '@tanstack/react-router'
import { parseSearch, stringifySearch } from '../lib/search-serializer'
import { indexRoute } from './routes/index'
import { rootRoute, type RouterContext } from './routes/root'
import { runsRoute } from './routes/runs'
import { RouteErrorFallback } from './route-error'

export const routeTree = rootRoute.addChildren([indexRoute, runsRoute])

export function createAppRouter(context: RouterContext, history?: RouterHistory) {
  return createRouter({
    routeTree,
    context,
    history,
    parseSearch,
    stringifySearch,
    defaultPreloadStaleTime: 0,
    defaultPendingMs: 150,
    defaultPendingMinMs: 0,
    defaultErrorComponent: RouteErrorFallback,
    scrollRestoration: true,
  })
}

export type AppRouter = ReturnType<typeof createAppRouter>

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter
  }
}
