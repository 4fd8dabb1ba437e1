/**
 * One error shape for every failure: `{ error: { code, message } }` as JSON, whatever failed
 * and wherever. ApiErrors answer as they are; Fastify's own client errors, the errors its
 * router raises before any route or hook runs (a path that is not valid percent-encoding) and
 * the errors Node's HTTP parser raises before Fastify sees a request (headers too large, a
 * method token it does not know) are mapped onto the same shape; anything else is a logged
 * 500 that says nothing inside. No message repeats the request's URL: it can carry what a
 * person pasted, and an error page that echoes it invites reflection tricks.
 */
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { ErrorCode } from '../shared/model'
import { ApiError } from './errors'

const frameworkErrorSchema = z.object({
  statusCode: z.number().int().min(400).max(599),
  code: z.string().optional(),
  message: z.string(),
})

const jsonType = 'application/json; charset=utf-8'

/** A path segment longer than this is refused by the router before any parameter check. */
export const maxPathParamLength = 2_048

/** What each router error means, in words that do not repeat the path. */
const routerErrors: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The request path is not valid percent-encoding',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    message: `A part of the request path is longer than ${maxPathParamLength} characters`,
  },
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined) {
        reply.header('retry-after', String(error.retryAfterSeconds))
      }
      return reply.code(error.httpStatus).type(jsonType).send(error.toBody())
    }
    const framework = frameworkErrorSchema.safeParse(error)
    if (framework.success && framework.data.statusCode < 500) {
      const code = framework.data.statusCode === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST'
      return reply
        .code(framework.data.statusCode)
        .type(jsonType)
        .send(new ApiError(code, framework.data.message).toBody())
    }
    request.log.error({ err: error }, 'unexpected error')
    return reply
      .code(500)
      .type(jsonType)
      .send(new ApiError('INTERNAL', 'Unexpected server error').toBody())
  })
}

/**
 * Fastify's `frameworkErrors` option: the router's errors, raised before routes, hooks and the
 * error handler (so the security headers' hook has not run either: the two that matter for a
 * JSON error are set here).
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = routerErrors[error.code]
  const answer = known ?? {
    status: 500,
    code: 'INTERNAL' as const,
    message: 'Unexpected server error',
  }
  void reply
    .code(answer.status)
    .type(jsonType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(new ApiError(answer.code, answer.message).toBody())
}

/** Node's HTTP parser errors (`clientError`), by `error.code`. */
function clientErrorAnswer(code: string | undefined): {
  status: number
  reason: string
  body: ApiError
  headers?: string
} {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        reason: 'Request Header Fields Too Large',
        body: new ApiError(
          'BAD_REQUEST',
          'The request headers are larger than this server accepts (16 kB); clear the cookies of this site and try again',
        ),
      }
    case 'HPE_INVALID_METHOD':
      return {
        status: 405,
        reason: 'Method Not Allowed',
        body: new ApiError('METHOD_NOT_ALLOWED', 'This method is not allowed here; use GET'),
        headers: 'Allow: GET, HEAD\r\n',
      }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        reason: 'Request Timeout',
        body: new ApiError('BAD_REQUEST', 'The request did not arrive in time'),
      }
    default:
      return {
        status: 400,
        reason: 'Bad Request',
        body: new ApiError('BAD_REQUEST', 'The request is not valid HTTP'),
      }
  }
}

/**
 * Fastify's `clientErrorHandler` option. There is no request object yet, only the socket: the
 * answer is written raw, as JSON in the one error shape, and the connection closed (the parser
 * cannot find where the next request would begin).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  if (socket.writable) {
    const answer = clientErrorAnswer(error.code)
    const body = JSON.stringify(answer.body.toBody())
    socket.write(
      `HTTP/1.1 ${answer.status} ${answer.reason}\r\n` +
        `Content-Type: ${jsonType}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Cache-Control: no-store\r\n' +
        (answer.headers ?? '') +
        'Connection: close\r\n\r\n' +
        body,
    )
  }
  socket.destroy(error)
}
