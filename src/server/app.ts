/**
 * Assembles the HTTP server: security headers, method and access checks, the /api routes,
 * the SPA, compression, one error shape, and one structured log line per request (method,
 * route, status, time, upstream calls). Nothing here knows a vendor: that is the adapters'.
 */
import fastifyCompress from '@fastify/compress'
import Fastify, { LogController } from 'fastify'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { addAccessGuard } from './access-guard'
import { ApiError } from './errors'
import { registerErrorHandler } from './error-handler'
import { registerHealthRoute } from './routes/api-health'
import { registerDataRoutes } from './routes/api-data'
import { registerLogin } from './routes/login'
import { registerSpa, sendIndex, wantsHtml } from './routes/spa'
import { addSecurityHeaders } from './security-headers'
import type { RunStore } from './store/types'
import type { SourceSync } from './sync/source-sync'
import { contextOf } from './upstream/request-context'

export type AppOptions = {
  store: RunStore
  syncs: readonly SourceSync[]
  distDir: string
  accessToken?: string | undefined
  /** false (default), true, or pino options (tests pass a `stream` to capture lines). */
  logger?: boolean | object | undefined
}

const readMethods = ['GET', 'HEAD']

/** Headers that carry secrets: never logged, whatever a log call is given. */
const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
]

function loggerOptions(logger: AppOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return false
  const base = { level: 'info', redact: { paths: redactPaths, censor: '[redacted]' } }
  return logger === true ? base : { ...base, ...logger }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 300 },
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
    forceCloseConnections: true,
  })
  const tokenRequired = options.accessToken !== undefined

  addSecurityHeaders(app)
  app.addHook('onRequest', async (request, reply) => {
    const isLogin = tokenRequired && request.url.split('?')[0] === '/login'
    const allowed = isLogin ? ['GET', 'HEAD', 'POST'] : readMethods
    if (!allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '))
      throw new ApiError('METHOD_NOT_ALLOWED', `${request.method} is not allowed here; use GET`)
    }
  })
  if (options.accessToken !== undefined) addAccessGuard(app, options.accessToken)

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(none)',
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        upstreamCalls: contextOf(request).upstreamCalls,
      },
      'request',
    )
  })

  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] })

  registerErrorHandler(app)

  registerDataRoutes(app, options.store, options.syncs)
  registerHealthRoute(app, options.syncs)
  if (options.accessToken !== undefined) registerLogin(app, options.accessToken)
  const { isBuilt, indexPath } = await registerSpa(app, options.distDir)

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (path === '/api' || path.startsWith('/api/')) {
      throw new ApiError('NOT_FOUND', 'No such API route')
    }
    if (readMethods.includes(request.method) && wantsHtml(request)) {
      return sendIndex(request, reply, isBuilt, indexPath)
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found')
  })

  return app
}
