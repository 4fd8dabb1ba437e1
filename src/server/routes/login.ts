/**
 * Signing in and out of a Runboard protected by RUNBOARD_ACCESS_TOKEN. The sign-in page is one
 * self-contained HTML document (inline style, no script, no assets), because nothing else is
 * served before the token is known. Its form posts the token and, when it matches, gets the
 * HttpOnly, SameSite=Strict session cookie (Secure over HTTPS) and is sent on to the page it
 * first asked for. Wrong tokens count towards the same per-client throttle as wrong bearer
 * tokens. `POST /logout` drops the cookie.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { clearedSessionCookie, safeEqual, sessionCookie } from '../access-guard'
import { ApiError } from '../errors'
import { tooManyAttempts, type FailedAttempts } from '../failed-attempts'
import { safeNextPath } from '../next-path'
import { isHttps } from '../request-origin'

export type LoginOptions = { token: string; attempts: FailedAttempts; trustProxy: boolean }

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
}
const escapeHtml = (text: string) => text.replace(/[&"<>']/g, (char) => htmlEscapes[char] ?? char)

function page(next: string, message: string | undefined): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to Runboard</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin-top:.5rem}input,button{padding:.5rem;font-size:1rem}p[role=alert]{color:#b91c1c}</style>
</head><body><h1>Sign in to Runboard</h1>
${message === undefined ? '' : `<p role="alert">${escapeHtml(message)}</p>`}
<form method="post" action="/login"><label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${escapeHtml(next)}">
<button type="submit">Sign in</button></form></body></html>`
}

const loginQuerySchema = z.object({ next: z.string().optional() }).loose()

/** A browser's form post wants the page back; a script gets the JSON error shape. */
const acceptsHtml = (request: FastifyRequest) =>
  (request.headers.accept ?? '').includes('text/html')

function sendPage(reply: FastifyReply, status: number, next: string, message?: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(page(next, message))
}

export function registerLogin(app: FastifyInstance, options: LoginOptions): void {
  const { token, attempts, trustProxy } = options
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => {
      done(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8')))
    },
  )

  app.get('/login', async (request, reply) => {
    const query = loginQuerySchema.safeParse(request.query)
    return sendPage(reply, 200, safeNextPath(query.success ? query.data.next : undefined))
  })

  app.post('/login', async (request, reply) => {
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams()
    const next = safeNextPath(form.get('next') ?? undefined)
    const wait = await attempts.waitSeconds(request)
    if (wait !== undefined) {
      if (!acceptsHtml(request)) throw tooManyAttempts(wait)
      reply.header('retry-after', String(wait))
      return sendPage(reply, 429, next, `Too many wrong tokens; try again in ${wait} s.`)
    }
    const given = form.get('token')
    if (given === null || !safeEqual(given, token)) {
      await attempts.record(request)
      if (!acceptsHtml(request))
        throw new ApiError('UNAUTHORIZED', 'That access token is not right')
      return sendPage(reply, 401, next, 'That token is not right.')
    }
    return reply
      .header('set-cookie', sessionCookie(token, isHttps(request, trustProxy)))
      .header('cache-control', 'no-store')
      .redirect(next, 303)
  })

  app.post('/logout', async (request, reply) => {
    reply
      .header('set-cookie', clearedSessionCookie(isHttps(request, trustProxy)))
      .header('cache-control', 'no-store')
    return acceptsHtml(request) ? reply.redirect('/login', 303) : reply.code(204).send()
  })
}
