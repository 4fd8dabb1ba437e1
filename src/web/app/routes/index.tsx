/** `/` has nothing of its own: the runs page is the home page. */
import { createRoute, redirect } from '@tanstack/react-router'
import { rootRoute } from './root'

export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    redirect({ to: '/runs', replace: true, throw: true })
  },
})
