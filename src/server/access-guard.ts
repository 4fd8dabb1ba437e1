/**
 * Optional access control for `/api`, on when RUNBOARD_ACCESS_TOKEN is set: a request needs
 * `Authorization: Bearer <token>` or the session cookie that `POST /login` sets. The cookie
 * holds an HMAC of the token (not the token), and all comparisons run in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from './errors'

export const sessionCookieName = 'runboard_session'
const sessionMaxAgeSeconds = 30 * 24 * 60 * 60

export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('runboard-session-v1').digest('base64url')
}

/** Constant-time string comparison that does not leak the length either. */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

export function sessionCookie(token: string, secure: boolean): string {
  return [
    `${sessionCookieName}=${sessionValue(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${sessionMaxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

export function isAuthorized(request: FastifyRequest, token: string): boolean {
  const authorization = request.headers.authorization
  if (authorization !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization)
    if (match?.[1] !== undefined && safeEqual(match[1].trim(), token)) return true
  }
  const cookie = cookieValue(request.headers.cookie, sessionCookieName)
  return cookie !== undefined && safeEqual(cookie, sessionValue(token))
}

export function addAccessGuard(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const path = request.url
    const isApi = path === '/api' || path.startsWith('/api/')
    if (isApi && !isAuthorized(request, token)) {
      done(
        new ApiError(
          'UNAUTHORIZED',
          'This Runboard needs an access token: sign in at /login or send Authorization: Bearer <token>',
        ),
      )
      return
    }
    done()
  })
}
