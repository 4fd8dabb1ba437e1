/**
 * Liveness plus what the server last saw of each source: reachable or not, the last error,
 * the rate-limit budget left. It never calls a vendor itself, so polling it costs nothing.
 */
import type { FastifyInstance } from 'fastify'
import type { Health } from '../../shared/model'
import type { SourceAdapter } from '../sources/types'

export function registerHealthRoute(app: FastifyInstance, sources: readonly SourceAdapter[]): void {
  app.get('/api/health', (): Health => ({
    ok: true,
    sources: sources.map((source) => {
      const health = source.health()
      return {
        id: source.info.id,
        reachable: health.reachable,
        ...(health.lastError === undefined ? {} : { lastError: health.lastError }),
        ...(health.rateLimitRemaining === undefined
          ? {}
          : { rateLimitRemaining: health.rateLimitRemaining }),
      }
    }),
  }))
}
