/**
 * `/runs` rendered on the server: the head (styles, scripts) goes out at once, then the rows
 * the deep link shows, rendered by the SPA's own components from the run index, with the data
 * they came from embedded for the browser's cache (see src/web/entry-server.tsx). The page's
 * API requests are answered in-process, through every hook a browser's request meets (the
 * Host check, the access guard with the reader's own cookie or token). Past the data budget,
 * or if rendering fails, the page goes out as the plain SPA shell and the browser fills it in.
 * A rendered page is kept for the next reader of the same view while its answers hold (see
 * rendered-page-cache.ts); `Server-Timing: page;desc=…` says whether it was rendered.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { constants } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { timeZoneSchema } from '../../shared/api-params'
import {
  pageStateElementId,
  serializePageState,
  timeZoneCookie,
  type PageRenderer,
} from '../../shared/page-render'
import { cookieValue } from '../access-guard'
import { RenderedPageCache, type PageApiAnswer } from './rendered-page-cache'

const rootElement = '<div id="root"></div>'

/** The server-rendering bundle, built beside dist/ (never under it: it is not for browsers). */
export function pageRendererPath(distDir: string): string {
  return join(distDir, '..', 'dist-ssr', 'entry-server.js')
}

export async function loadPageRenderer(entryPath: string): Promise<PageRenderer | undefined> {
  if (!existsSync(entryPath)) return undefined
  const module: unknown = await import(pathToFileURL(entryPath).href)
  if (
    typeof module !== 'object' ||
    module === null ||
    !('renderPage' in module) ||
    !('setApiTransport' in module) ||
    typeof module.renderPage !== 'function' ||
    typeof module.setApiTransport !== 'function'
  ) {
    throw new Error(`${entryPath} is not Runboard's server-rendering bundle; run npm run build`)
  }
  return module as PageRenderer
}

/** The reader's zone as the browser last said it, else UTC (a first visit). */
function timeZoneOf(request: FastifyRequest): string {
  const raw = cookieValue(request.headers.cookie, timeZoneCookie)
  if (raw === undefined) return 'UTC'
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return 'UTC'
  }
  return timeZoneSchema.safeParse(decoded).success ? decoded : 'UTC'
}

const forwardedHeaders = ['host', 'cookie', 'authorization'] as const

/** A render in progress: its server and reader, and the API answers it was given. */
type Render = {
  app: FastifyInstance
  request: FastifyRequest
  answers: PageApiAnswer[]
  /** Requests not answered yet; a page rendered before they were is never kept. */
  unanswered: number
}

/**
 * The page being rendered and the server rendering it. The renderer's transport is one per
 * process (the bundle is imported once), while a process may run several servers (tests do):
 * each render's API requests go to its own server, whichever registered last.
 */
const renders = new AsyncLocalStorage<Render>()

/** An API GET answered in-process, through every hook a browser's request meets. */
async function askInProcess(
  app: FastifyInstance,
  request: FastifyRequest,
  path: string,
): Promise<PageApiAnswer & { contentType: string }> {
  const headers: Record<string, string> = { accept: 'application/json' }
  for (const name of forwardedHeaders) {
    const value = request.headers[name]
    if (typeof value === 'string') headers[name] = value
  }
  const answer = await app.inject({ method: 'GET', url: path, headers })
  return {
    path,
    status: answer.statusCode,
    body: answer.body,
    contentType: String(answer.headers['content-type'] ?? 'application/json'),
  }
}

async function answerInProcess(path: string): Promise<Response> {
  const render = renders.getStore()
  if (render === undefined) throw new Error(`GET ${path} outside a page render`)
  render.unanswered += 1
  const answer = await askInProcess(render.app, render.request, path)
  render.unanswered -= 1
  render.answers.push({ path, status: answer.status, body: answer.body })
  return new Response(answer.body, {
    status: answer.status,
    headers: { 'content-type': answer.contentType },
  })
}

/**
 * Runs `start` once the head has left for the socket. Compressed, the head is in zlib's hands
 * (the thread pool), and its output waits for a free event loop, which a render does not leave
 * (SQLite answers synchronously, React renders to a string): started at once, the render sent
 * the head with the rows. So the render waits for the first bytes of whatever stream is piped
 * into the response (zlib's or, uncompressed, the page's own); a response closed before that
 * (a HEAD request, a reader gone) starts it too, so the page stream always ends.
 */
function startOnceHeadIsOut(reply: FastifyReply, start: () => void): void {
  let isStarted = false
  const startOnce = () => {
    if (isStarted) return
    isStarted = true
    // After the tick that writes the head: the socket takes it before the render runs.
    setImmediate(start)
  }
  reply.raw.once('pipe', (source: NodeJS.ReadableStream) => source.once('data', startOnce))
  reply.raw.once('close', startOnce)
}

export function registerRenderedPage(
  app: FastifyInstance,
  options: {
    renderer: PageRenderer
    template: string
    dataBudgetMs: number
    sourceIds: readonly string[]
  },
): void {
  const { renderer, template, dataBudgetMs, sourceIds } = options
  const rootAt = template.indexOf(rootElement)
  if (rootAt < 0) throw new Error(`index.html has no ${rootElement} to render into`)
  const head = template.slice(0, rootAt) + '<div id="root">'
  const tail = template.slice(rootAt + rootElement.length)
  renderer.setApiTransport(answerInProcess)
  const cache = new RenderedPageCache({ maxEntries: 100, freshMs: 1_000, maxAgeMs: 10_000 })

  async function renderInto(request: FastifyRequest, key: string, page: PassThrough) {
    const render: Render = { app, request, answers: [], unanswered: 0 }
    try {
      const rendered = await renders.run(render, () =>
        renderer.renderPage(request.url, {
          timeZone: timeZoneOf(request),
          dataBudgetMs,
          sourceIds,
        }),
      )
      const body = `${rendered.html}</div><script type="application/json" id="${pageStateElementId}">${serializePageState(rendered.state)}</script>`
      page.end(body + tail)
      if (render.unanswered === 0) cache.keep(key, body, render.answers)
    } catch (error) {
      // The shell still works: the browser renders the page and asks for its data itself.
      request.log.error({ err: error }, 'server rendering failed; sent the page unrendered')
      page.end(`</div>${tail}`)
    }
  }

  app.get(
    '/runs',
    {
      // Each write is flushed, so the head reaches the browser before the rows are rendered.
      compress: {
        zlibOptions: { flush: constants.Z_SYNC_FLUSH },
        brotliOptions: { flush: constants.BROTLI_OPERATION_FLUSH },
      },
    },
    async (request, reply: FastifyReply) => {
      // The page holds the reader's data: no shared cache may keep it, and it varies by cookie.
      void reply
        .code(200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .header('vary', 'cookie')
      const key = `${timeZoneOf(request)} ${request.url}`
      const kept = await cache.lookup(key, (path) => askInProcess(app, request, path))
      if (kept !== undefined) {
        return reply
          .header('server-timing', `page;desc=${kept.outcome}`)
          .send(head + kept.page + tail)
      }
      const page = new PassThrough()
      page.write(head)
      startOnceHeadIsOut(reply, () => void renderInto(request, key, page))
      return reply.header('server-timing', 'page;desc=rendered').send(page)
    },
  )
}
