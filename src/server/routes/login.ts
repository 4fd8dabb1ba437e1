/**
 * The sign-in page for a Runboard protected by RUNBOARD_ACCESS_TOKEN: a form that posts the
 * token and, when it matches, sets the HttpOnly, SameSite=Strict session cookie that lets the
 * SPA's /api requests through. It is the only route that accepts a POST.
 */
import type { FastifyInstance } from 'fastify'
import { safeEqual, sessionCookie } from '../access-guard'

function page(message: string | undefined): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to Runboard</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;width:100%;margin-top:.5rem}input,button{padding:.5rem;font-size:1rem}p[role=alert]{color:#b91c1c}</style>
</head><body><h1>Sign in to Runboard</h1>
${message === undefined ? '' : `<p role="alert">${message}</p>`}
<form method="post" action="/login"><label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button></form></body></html>`
}

export function registerLogin(app: FastifyInstance, token: string): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => {
      done(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8')))
    },
  )

  app.get('/login', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page(undefined)),
  )

  app.post('/login', async (request, reply) => {
    const given = request.body instanceof URLSearchParams ? request.body.get('token') : null
    if (given === null || !safeEqual(given, token)) {
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(page('That token is not right.'))
    }
    const secure = request.protocol === 'https'
    return reply.header('set-cookie', sessionCookie(token, secure)).redirect('/', 303)
  })
}
