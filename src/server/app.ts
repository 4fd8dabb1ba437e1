/**
 * Assembles the HTTP server: security headers, the Host check, method and access checks, the
 * /api routes, the SPA, compression, one error shape, and one structured log line per request
 * (method, route, status, time, upstream calls; secret-looking query values redacted). Nothing
 * here knows a vendor: that is the adapters'.
 */
import fastifyCompress from '@fastify/compress'
import Fastify, { LogController } from 'fastify'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { addAccessGuard, publicRoutes } from './access-guard'
import { ApiError } from './errors'
import {
  answerClientError,
  answerFrameworkError,
  maxPathParamLength,
  registerErrorHandler,
} from './error-handler'
import { registerHealthRoute } from './routes/api-health'
import { registerDataRoutes } from './routes/api-data'
import { registerLogin } from './routes/login'
import { isSourceMapPath, registerSpa, sendIndex, wantsHtml } from './routes/spa'
import { addHostGuard } from './host-guard'
import { redactUrlForLog } from './log-url'
import { addSecurityHeaders } from './security-headers'
import type { RunStore } from './store/types'
import type { SourceSync } from './sync/source-sync'
import { contextOf } from './upstream/request-context'

export type AppOptions = {
  store: RunStore
  syncs: readonly SourceSync[]
  distDir: string
  accessToken?: string | undefined
  /** The HOST listened on and the extra names answered to (see host-guard.ts). */
  host?: string | undefined
  allowedHosts?: readonly string[] | undefined
  /** A proxy in front says the scheme and client address (X-Forwarded-Proto / -For). */
  trustProxy?: boolean | undefined
  /** How long one API answer may take, upstream requests and waits included. */
  deadlineMs?: number | undefined
  /** How long a server-rendered page waits for its data before going out without it. */
  pageDataBudgetMs: number
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

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function loggerOptions(logger: AppOptions['logger']): NonNullable<FastifyServerOptions['logger']> {
  if (logger === undefined || logger === false) return false
  const base = { level: 'info', redact: { paths: redactPaths, censor: '[redacted]' } }
  return logger === true ? base : { ...base, ...logger }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    logController: new LogController({ disableRequestLogging: true }),
    // Long enough for any id to reach its route, whose check names the parameter.
    routerOptions: { maxParamLength: maxPathParamLength },
    // Errors raised before any route or hook (router, HTTP parser), in the one error shape.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
    forceCloseConnections: true,
  })
  const trustProxy = options.trustProxy ?? false

  addSecurityHeaders(app)
  addHostGuard(app, { host: options.host, allowedHosts: options.allowedHosts })
  app.addHook('onRequest', async (request, reply) => {
    // The matched route: only the sign-in routes exist for POST, and only with a token.
    const isLogin = publicRoutes.has(request.routeOptions.url ?? '')
    const allowed = isLogin ? ['GET', 'HEAD', 'POST'] : readMethods
    if (!allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '))
      throw new ApiError('METHOD_NOT_ALLOWED', `${request.method} is not allowed here; use GET`)
    }
  })
  const attempts =
    options.accessToken === undefined
      ? undefined
      : await addAccessGuard(app, { token: options.accessToken, trustProxy })

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(none)',
        url: redactUrlForLog(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        upstreamCalls: contextOf(request).upstreamCalls,
      },
      'request',
    )
  })

  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] })

  registerErrorHandler(app)

  registerDataRoutes(app, options.store, options.syncs, options.deadlineMs)
  registerHealthRoute(app, options.syncs)
  if (options.accessToken !== undefined && attempts !== undefined) {
    registerLogin(app, { token: options.accessToken, attempts, trustProxy })
  }
  const sourceIds = options.syncs.map((sync) => sync.source)
  const { isBuilt, indexPath } = await registerSpa(app, {
    distDir: options.distDir,
    sourceIds,
    pageDataBudgetMs: options.pageDataBudgetMs,
  })

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (path === '/api' || path.startsWith('/api/')) {
      throw new ApiError('NOT_FOUND', 'No such API route')
    }
    if (isSourceMapPath(decodedPath(path))) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found')
    }
    if (readMethods.includes(request.method) && wantsHtml(request)) {
      return sendIndex(request, reply, isBuilt, indexPath, sourceIds)
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found')
  })

  return app
}
