/**
 * The server's defences, over real HTTP on loopback: the access token on every route however
 * the path is spelled, the app shell and assets behind it, no source maps, the Host check
 * against DNS rebinding, the throttle on wrong tokens, the cookie's Secure flag and sign-out,
 * and secrets kept out of the request log.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiErrorSchema } from '../shared/model'
import { defaultFailedAttemptLimit } from './failed-attempts'
import { startTestServer, waitUntil, type TestServer } from './testing/harness'
import { send, sendText, type RawAnswer } from './testing/raw-http'

const token = 'correct-horse-battery-staple'
const bearer = { authorization: `Bearer ${token}` }
const small = { SANDBOX_RUNS: '200' }
const indexHtml = '<!doctype html><html><head></head><body><div id="root"></div></body></html>'
const script = 'console.log("runboard")'
const preload = '<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/sources">'

let distDir: string
let guarded: TestServer
let open: TestServer

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'runboard-dist-'))
  await mkdir(join(distDir, 'assets'))
  await writeFile(join(distDir, 'index.html'), indexHtml)
  await writeFile(join(distDir, 'assets', 'app-1a2b3c.js'), script)
  await writeFile(join(distDir, 'assets', 'app-1a2b3c.js.map'), '{"sources":["secret.ts"]}')
  guarded = await startTestServer({ ...small, RUNBOARD_ACCESS_TOKEN: token }, { distDir })
  open = await startTestServer(
    { ...small, RUNBOARD_ALLOWED_HOSTS: 'runboard.example.com,dash.example.org:8443' },
    { distDir },
  )
})

afterAll(async () => {
  await guarded.close()
  await open.close()
  await rm(distDir, { recursive: true, force: true })
})

const errorOf = (answer: RawAnswer) => apiErrorSchema.parse(JSON.parse(answer.body)).error

describe('the access token, decided on the matched route', () => {
  // Each names an API route to the router (or nothing at all), spelled another way.
  const spellings = [
    '/%61pi/sources',
    '/ap%69/health',
    '/api%2Fsources',
    '//api/sources',
    '/./api/sources',
    '/x/../api/sources',
    '/API/sources',
    '/api/sources/',
    '/api/sources?',
    '/api/sources/demo-puq/runs?x=%2F',
    '/api/sources/demo%2Dpuq/workflows',
    'http://127.0.0.1/api/sources',
    'http://any.host/api/sources',
  ]

  it('refuses every spelling of an API path without the token, and none answers data', async () => {
    for (const path of spellings) {
      const answer = await send(guarded.url, { path, headers: { accept: 'application/json' } })
      expect([401, 421], path).toContain(answer.status)
      expect(errorOf(answer).code, path).toBe(
        answer.status === 401 ? 'UNAUTHORIZED' : 'MISDIRECTED',
      )
      expect(answer.body, path).not.toContain('demo-')
    }
    // The router matched these to real routes: the token opens exactly those.
    for (const path of ['/%61pi/sources', '/api/sources?', 'http://127.0.0.1/api/sources']) {
      const answer = await send(guarded.url, { path, headers: bearer })
      expect(answer.status, path).toBe(200)
      expect(answer.body, path).toContain('demo-puq')
    }
  })

  it('refuses paths that match no route too, so they cannot be probed', async () => {
    for (const path of ['/api/nope', '/.env', '/nothing/here']) {
      const answer = await send(guarded.url, { path, headers: { accept: '*/*' } })
      expect(answer.status, path).toBe(401)
    }
    const withToken = await send(guarded.url, { path: '/api/nope', headers: bearer })
    expect(withToken.status).toBe(404)
  })
})

describe('the app shell and assets with a token set', () => {
  it('sends page requests without the token to /login, keeping where they were going', async () => {
    const page = { accept: 'text/html,application/xhtml+xml' }
    const root = await send(guarded.url, { path: '/', headers: page })
    expect(root.status).toBe(303)
    expect(root.headers.location).toBe('/login')
    const deep = await send(guarded.url, { path: '/runs?status=failed&page=2', headers: page })
    expect(deep.status).toBe(303)
    expect(deep.headers.location).toBe(
      `/login?next=${encodeURIComponent('/runs?status=failed&page=2')}`,
    )
    const tricky = await send(guarded.url, { path: '//evil.example/x', headers: page })
    expect(tricky.headers.location).toBe('/login')
  })

  it('answers the shell and assets with a JSON 401 to scripts, and serves them with the token', async () => {
    for (const path of ['/', '/runs', '/assets/app-1a2b3c.js', '/favicon.svg']) {
      const answer = await send(guarded.url, { path, headers: { accept: '*/*' } })
      expect(answer.status, path).toBe(401)
      expect(errorOf(answer).code, path).toBe('UNAUTHORIZED')
    }
    expect((await send(guarded.url, { path: '/', headers: bearer })).body).toBe(
      indexHtml.replace('</head>', `${preload}</head>`),
    )
    expect((await send(guarded.url, { path: '/assets/app-1a2b3c.js', headers: bearer })).body).toBe(
      script,
    )
  })

  it('shows the sign-in page without the token, needing nothing else, and returns to next', async () => {
    const form = await send(guarded.url, { path: '/login?next=%2Fruns%3Fstatus%3Dfailed' })
    expect(form.status).toBe(200)
    expect(form.body).toContain('name="next" value="/runs?status=failed"')
    // Self-contained: no script, stylesheet or image it would have to fetch.
    expect(form.body).not.toMatch(/<script|<link|<img|src=/)
    const post = (next: string) =>
      send(guarded.url, {
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, next }).toString(),
        localAddress: '127.0.0.9',
      })
    expect((await post('/runs?status=failed')).headers.location).toBe('/runs?status=failed')
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example/', '/login']) {
      expect((await post(next)).headers.location, next).toBe('/')
    }
  })
})

describe('source maps', () => {
  it('are never served, token or not, however the path is spelled', async () => {
    for (const path of ['/assets/app-1a2b3c.js.map', '/assets/app-1a2b3c.js%2Emap']) {
      for (const accept of ['*/*', 'text/html']) {
        const withToken = await send(guarded.url, { path, headers: { ...bearer, accept } })
        expect(withToken.status, path).toBe(404)
        const noToken = await send(open.url, { path, headers: { accept } })
        expect(noToken.status, path).toBe(404)
        expect(noToken.body + withToken.body, path).not.toContain('secret.ts')
      }
    }
  })
})

describe('the Host check (DNS rebinding)', () => {
  it('answers 421 to a Host that does not name this server, saying how to allow it', async () => {
    for (const host of ['attacker.example', 'attacker.example:8080', 'evil.runboard.example.com']) {
      const answer = await send(open.url, { path: '/api/sources', headers: { host } })
      expect(answer.status, host).toBe(421)
      const error = errorOf(answer)
      expect(error.code).toBe('MISDIRECTED')
      expect(error.message).toContain(JSON.stringify(host))
      expect(error.message).toContain('RUNBOARD_ALLOWED_HOSTS')
      expect(answer.body).not.toContain('demo-')
    }
    // With a token too, and the right token does not change that.
    const withToken = await send(guarded.url, {
      path: '/api/sources',
      headers: { ...bearer, host: 'attacker.example' },
    })
    expect(withToken.status).toBe(421)
  })

  it('checks the authority of an absolute-form target and refuses a request with no Host', async () => {
    const absolute = await send(open.url, { path: 'http://attacker.example/api/sources' })
    expect(absolute.status).toBe(421)
    const http10 = await sendText(open.url, 'GET /api/sources HTTP/1.0\r\n\r\n')
    expect(http10).toMatch(/^HTTP\/1\.1 421 /)
    expect(http10).toContain('"code":"MISDIRECTED"')
    expect(http10).not.toContain('demo-')
  })

  it('answers loopback names and addresses with any port, and RUNBOARD_ALLOWED_HOSTS', async () => {
    const hosts = [
      'localhost',
      'LOCALHOST:3000',
      '127.0.0.1',
      '127.1.2.3:80',
      '[::1]',
      '[::1]:8080',
      'runboard.example.com',
      'runboard.example.com:443',
      'dash.example.org:8443',
    ]
    for (const host of hosts) {
      const answer = await send(open.url, { path: '/api/sources', headers: { host } })
      expect(answer.status, host).toBe(200)
    }
    const wrongPort = await send(open.url, {
      path: '/api/sources',
      headers: { host: 'dash.example.org:9000' },
    })
    expect(wrongPort.status).toBe(421)
  })
})

describe('the throttle on wrong tokens', () => {
  const { max } = defaultFailedAttemptLimit

  it('answers 429 with Retry-After once a client has sent too many wrong bearer tokens', async () => {
    const from = '127.0.0.2'
    const wrong = () =>
      send(guarded.url, {
        path: '/api/sources',
        headers: { authorization: 'Bearer not-the-token-at-all' },
        localAddress: from,
      })
    for (let attempt = 1; attempt <= max; attempt += 1) {
      expect((await wrong()).status, `attempt ${attempt}`).toBe(401)
    }
    const throttled = await wrong()
    expect(throttled.status).toBe(429)
    const retryAfter = Number(throttled.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    const error = errorOf(throttled)
    expect(error.code).toBe('RATE_LIMITED')
    expect(error.retryAfterSeconds).toBe(retryAfter)
    // A throttled client learns nothing more: its credentials are not checked until it waits.
    const right = await send(guarded.url, {
      path: '/api/sources',
      headers: bearer,
      localAddress: from,
    })
    expect(right.status).toBe(429)
    // Everyone else is untouched.
    expect((await send(guarded.url, { path: '/api/sources', headers: bearer })).status).toBe(200)
  })

  it('never counts the right token, however often it is sent', async () => {
    const from = '127.0.0.3'
    for (let request = 0; request < 3 * max; request += 1) {
      const answer = await send(guarded.url, {
        path: '/api/health',
        headers: bearer,
        localAddress: from,
      })
      expect(answer.status).toBe(200)
      expect(answer.headers['retry-after']).toBeUndefined()
    }
    const wrong = await send(guarded.url, {
      path: '/api/sources',
      headers: { authorization: 'Bearer nope-nope-nope-nope' },
      localAddress: from,
    })
    expect(wrong.status).toBe(401)
  })

  it('counts wrong sign-in form posts the same way, a page for browsers and JSON otherwise', async () => {
    const from = '127.0.0.4'
    const post = (given: string, accept: string) =>
      send(guarded.url, {
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
        body: new URLSearchParams({ token: given }).toString(),
        localAddress: from,
      })
    for (let attempt = 1; attempt <= max; attempt += 1) {
      const answer = await post('wrong-token-guess', attempt % 2 === 0 ? 'text/html' : '*/*')
      expect(answer.status, `attempt ${attempt}`).toBe(401)
    }
    const page = await post('wrong-token-guess', 'text/html')
    expect(page.status).toBe(429)
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0)
    expect(page.body).toContain('Too many wrong tokens')
    const json = await post(token, 'application/json')
    expect(json.status).toBe(429)
    expect(errorOf(json).code).toBe('RATE_LIMITED')
    expect(json.headers['set-cookie']).toBeUndefined()
    // Another client signs in at once.
    const other = await send(guarded.url, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      localAddress: '127.0.0.5',
    })
    expect(other.status).toBe(303)
  })
})

describe('the session cookie', () => {
  let proxied: TestServer
  beforeAll(async () => {
    proxied = await startTestServer(
      { ...small, RUNBOARD_ACCESS_TOKEN: token, RUNBOARD_TRUST_PROXY: '1' },
      { distDir },
    )
  })
  afterAll(() => proxied.close())

  const signIn = (server: TestServer, headers: Record<string, string>) =>
    send(server.url, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ token }).toString(),
    })

  it('is Secure over HTTPS, taking X-Forwarded-Proto only from a trusted proxy', async () => {
    const https = { 'x-forwarded-proto': 'https' }
    expect((await signIn(proxied, https)).headers['set-cookie']).toMatch(/; Secure$/)
    expect((await signIn(proxied, {})).headers['set-cookie']).not.toContain('Secure')
    expect((await signIn(guarded, https)).headers['set-cookie']).not.toContain('Secure')
  })

  it('is dropped when it is no longer valid (a changed token), and the page goes to /login', async () => {
    const stale = await send(guarded.url, {
      path: '/runs',
      headers: { cookie: 'runboard_session=from-an-older-token', accept: 'text/html' },
      localAddress: '127.0.0.6',
    })
    expect(stale.status).toBe(303)
    expect(stale.headers.location).toBe('/login?next=%2Fruns')
    expect(stale.headers['set-cookie']).toMatch(/^runboard_session=; .*Max-Age=0/)
  })

  it('is dropped by POST /logout, which sends a browser back to /login', async () => {
    const cookie = (await signIn(guarded, {})).headers['set-cookie']?.split(';')[0] ?? ''
    const page = await send(guarded.url, {
      method: 'POST',
      path: '/logout',
      headers: { cookie, accept: 'text/html' },
    })
    expect(page.status).toBe(303)
    expect(page.headers.location).toBe('/login')
    expect(page.headers['set-cookie']).toMatch(/^runboard_session=; Path=\/; .*Max-Age=0/)
    const script = await send(proxied.url, {
      method: 'POST',
      path: '/logout',
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(script.status).toBe(204)
    expect(script.headers['set-cookie']).toMatch(/Max-Age=0; Secure$/)
  })
})

describe('the request log', () => {
  it('redacts secret-looking query parameters and keeps the rest', async () => {
    const secret = 's3cr3t-in-a-link'
    const path = `/api/sources?status=failed&access_token=${secret}&API_KEY=${secret}&page=2`
    expect((await send(open.url, { path })).status).toBe(200)
    const line = () => open.logs.lines.find((entry) => entry.includes('page=2'))
    await waitUntil(() => Promise.resolve(line() !== undefined), 'the request log line')
    const logged = JSON.parse(line() ?? '{}') as { url?: string }
    expect(logged.url).toBe(
      '/api/sources?status=failed&access_token=[redacted]&API_KEY=[redacted]&page=2',
    )
    for (const entry of open.logs.lines) expect(entry).not.toContain(secret)
  })
})
