/**
 * Liveness plus what the server last saw of each source: reachable or not, the last error,
 * the rate-limit budget left. It never calls a vendor itself, so polling it costs nothing.
 */
import type { FastifyInstance } from 'fastify'
import type { Health } from '../../shared/model'
import type { SourceSync } from '../sync/source-sync'

export function registerHealthRoute(app: FastifyInstance, syncs: readonly SourceSync[]): void {
  app.get('/api/health', (): Health => ({
    ok: true,
    sources: syncs.map((sync) => {
      const health = sync.feed.client.health()
      return {
        id: sync.source,
        reachable: health.reachable,
        ...(health.lastError === undefined ? {} : { lastError: health.lastError }),
        ...(health.rateLimitRemaining === undefined
          ? {}
          : { rateLimitRemaining: health.rateLimitRemaining }),
      }
    }),
  }))
}
