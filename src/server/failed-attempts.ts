/**
 * Makes guessing the access token slow: failed attempts (a wrong bearer token, a wrong session
 * cookie, a wrong token in the sign-in form) are counted per client address, and a client that
 * has used up its allowance gets a 429 with Retry-After until the window ends. Only failures
 * count, so requests with the right token never spend any of it. A throttled client's
 * credentials are not checked at all: if the right token still got through, "429" would mean
 * "wrong" and the guessing would go on at full speed.
 */
import fastifyRateLimit from '@fastify/rate-limit'
import { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from './errors'
import { clientAddress } from './request-origin'

export type FailedAttempts = {
  /** Seconds this client must wait before its credentials are checked again, if any. */
  waitSeconds(request: FastifyRequest): Promise<number | undefined>
  /** Counts one failed attempt by this client. */
  record(request: FastifyRequest): Promise<void>
}

export type FailedAttemptOptions = {
  trustProxy: boolean
  /** Failed attempts a client may make per window. */
  max?: number
  windowMs?: number
}

export const defaultFailedAttemptLimit = { max: 10, windowMs: 60_000 }

export async function addFailedAttempts(
  app: FastifyInstance,
  options: FailedAttemptOptions,
): Promise<FailedAttempts> {
  // `global: false`: the plugin limits nothing by itself, only what is counted below.
  await app.register(fastifyRateLimit, { global: false })
  const limiter = app.createRateLimit({
    max: options.max ?? defaultFailedAttemptLimit.max,
    timeWindow: options.windowMs ?? defaultFailedAttemptLimit.windowMs,
    keyGenerator: (request) => normalizeIP(clientAddress(request, options.trustProxy)),
  })
  return {
    async waitSeconds(request) {
      const state = await limiter(request, { increment: false })
      if (state.isAllowed || state.remaining > 0) return undefined
      return Math.max(1, state.ttlInSeconds)
    },
    async record(request) {
      await limiter(request)
    },
  }
}

export function tooManyAttempts(waitSeconds: number): ApiError {
  return new ApiError(
    'RATE_LIMITED',
    `Too many wrong access tokens from this address; try again in ${waitSeconds} s`,
    { retryAfterSeconds: waitSeconds },
  )
}
