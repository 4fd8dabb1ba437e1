/**
 * Access control, on when RUNBOARD_ACCESS_TOKEN is set, and default deny: every request needs
 * `Authorization: Bearer <token>` or the session cookie `POST /login` sets, except the sign-in
 * routes themselves. The decision is made on the route the router matched
 * (`request.routeOptions.url`), never on the raw URL, which can spell one route many ways
 * (`/%61pi/...`, an absolute-form target); a request that matches no route is refused as well,
 * so nobody can probe what exists. A page request without the token is sent to the sign-in
 * form, keeping where it was going; anything else gets the JSON 401. The cookie holds an HMAC
 * of the token (not the token), and all comparisons run in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from './errors'
import { addFailedAttempts, tooManyAttempts, type FailedAttempts } from './failed-attempts'
import { loginLocation, requestedPath } from './next-path'
import { isHttps } from './request-origin'

export const sessionCookieName = 'runboard_session'
const sessionMaxAgeSeconds = 30 * 24 * 60 * 60

/** Routes that answer without the token: the sign-in page needs no assets (all inline). */
export const publicRoutes: ReadonlySet<string> = new Set(['/login', '/logout'])

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

/** Tells the browser to drop the session cookie (sign-out, or a cookie that is no longer valid). */
export function clearedSessionCookie(secure: boolean): string {
  return [
    `${sessionCookieName}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    'Max-Age=0',
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

function bearerOf(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization
  if (authorization === undefined) return undefined
  return /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() ?? authorization
}

/** What credentials a request carries: none, at least one right one, or only wrong ones. */
export function credentialOf(request: FastifyRequest, token: string): 'none' | 'valid' | 'wrong' {
  const bearer = bearerOf(request)
  const cookie = cookieValue(request.headers.cookie, sessionCookieName)
  if (bearer === undefined && cookie === undefined) return 'none'
  const valid =
    (bearer !== undefined && safeEqual(bearer, token)) ||
    (cookie !== undefined && safeEqual(cookie, sessionValue(token)))
  return valid ? 'valid' : 'wrong'
}

export function isAuthorized(request: FastifyRequest, token: string): boolean {
  return credentialOf(request, token) === 'valid'
}

/** A browser navigating to a page (not a script's fetch, not the API): worth a redirect. */
export function isPageRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    (request.headers.accept ?? '').includes('text/html') &&
    !(route ?? '').startsWith('/api')
  )
}

const unauthorized = () =>
  new ApiError(
    'UNAUTHORIZED',
    'This Runboard needs an access token: sign in at /login or send Authorization: Bearer <token>',
  )

export type AccessGuardOptions = {
  token: string
  trustProxy: boolean
  /** Failed attempts per client per window before 429s (defaults in failed-attempts.ts). */
  maxFailedAttempts?: number
}

export async function addAccessGuard(
  app: FastifyInstance,
  options: AccessGuardOptions,
): Promise<FailedAttempts> {
  const { token, trustProxy } = options
  const attempts = await addFailedAttempts(app, {
    trustProxy,
    ...(options.maxFailedAttempts === undefined ? {} : { max: options.maxFailedAttempts }),
  })

  const refuse = (request: FastifyRequest, reply: FastifyReply, dropCookie: boolean) => {
    if (dropCookie) reply.header('set-cookie', clearedSessionCookie(isHttps(request, trustProxy)))
    if (!isPageRequest(request)) throw unauthorized()
    return reply
      .header('cache-control', 'no-store')
      .redirect(loginLocation(requestedPath(request)), 303)
  }

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url
    if (route !== undefined && publicRoutes.has(route)) return
    const credential = credentialOf(request, token)
    // No credential is no guess: refused, not counted.
    if (credential === 'none') return refuse(request, reply, false)
    // Checked before the credential counts, so that a throttled client learns nothing.
    const wait = await attempts.waitSeconds(request)
    if (wait !== undefined) throw tooManyAttempts(wait)
    if (credential === 'valid') return
    await attempts.record(request)
    const hadCookie = cookieValue(request.headers.cookie, sessionCookieName) !== undefined
    return refuse(request, reply, hadCookie)
  })
  return attempts
}
