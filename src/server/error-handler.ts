/**
 * One error shape for every failure: ApiErrors as they are, Fastify's own client errors mapped
 * onto `{ error: { code, message } }`, anything else a logged 500 that says nothing inside.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError } from './errors'

const frameworkErrorSchema = z.object({
  statusCode: z.number().int().min(400).max(599),
  code: z.string().optional(),
  message: z.string(),
})

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
      if (error.retryAfterSeconds !== undefined) {
        reply.header('retry-after', String(error.retryAfterSeconds))
      }
      return reply.code(error.httpStatus).send(error.toBody())
    }
    const framework = frameworkErrorSchema.safeParse(error)
    if (framework.success && framework.data.statusCode < 500) {
      const code = framework.data.statusCode === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST'
      return reply
        .code(framework.data.statusCode)
        .send(new ApiError(code, framework.data.message).toBody())
    }
    request.log.error({ err: error }, 'unexpected error')
    return reply.code(500).send(new ApiError('INTERNAL', 'Unexpected server error').toBody())
  })
}
