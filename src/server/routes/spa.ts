/**
 * Serves the built SPA from dist/: hashed files under /assets are immutable for a year, every
 * other file (and index.html above all) is revalidated, and any GET that wants HTML and is not
 * /api gets index.html so deep links work. Without a build, pages answer a 503 that says how
 * to make one, and /api keeps working. Source maps are never served: they hand out the whole
 * source to anyone who asks, and the production build is what this serves (`npm run dev` has
 * its own server with maps).
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { firstApiPaths } from '../../shared/runs-view'
import { loadPageRenderer, pageRendererPath, registerRenderedPage } from './rendered-page'

export const immutableCache = 'public, max-age=31536000, immutable'

/** Takes the decoded path (the router's), so `%2Emap` is caught too. */
export function isSourceMapPath(path: string): boolean {
  return /\.map$/i.test(path.split('?')[0] ?? '')
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Runboard is not built</title></head>
<body><h1>Runboard's web app is not built yet</h1>
<p>Run <code>npm run build</code> (or start the server with <code>npm start</code>, which builds it) and reload.</p>
<p>The JSON API under <a href="/api/sources">/api</a> works without it.</p></body></html>`

export async function registerSpa(
  app: FastifyInstance,
  options: { distDir: string; sourceIds: readonly string[]; pageDataBudgetMs: number },
): Promise<{ isBuilt: boolean; indexPath: string }> {
  const { distDir, sourceIds } = options
  const indexPath = join(distDir, 'index.html')
  const isBuilt = existsSync(indexPath)
  const renderer = isBuilt ? await loadPageRenderer(pageRendererPath(distDir)) : undefined
  if (renderer !== undefined) {
    const template = await readFile(indexPath, 'utf8')
    registerRenderedPage(app, {
      renderer,
      template,
      dataBudgetMs: options.pageDataBudgetMs,
      sourceIds,
    })
  }
  if (isBuilt) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      index: false,
      wildcard: true,
      cacheControl: false,
      allowedPath: (pathname) => !isSourceMapPath(pathname),
      setHeaders: (response, path) => {
        const isHashedAsset = path.startsWith(join(distDir, 'assets'))
        response.setHeader('cache-control', isHashedAsset ? immutableCache : 'no-cache')
      },
    })
  }

  app.get('/', (request, reply) => sendIndex(request, reply, isBuilt, indexPath, sourceIds))
  return { isBuilt, indexPath }
}

export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  return accept.includes('text/html') || accept.includes('*/*') || accept === ''
}

const attributeEscapes: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;' }

/**
 * Preload links for the API requests this address makes first: the browser starts them while
 * it reads the HTML, before any script, and the app's own fetches (the entry chunk's early
 * fetch takes these very links) are answered from them. Built from the address as the page
 * will correct it, so an invalid value never preloads a request the page does not make.
 */
export function preloadLinks(url: string, sourceIds: readonly string[]): string {
  const { pathname, search } = new URL(url, 'http://runboard.invalid')
  return firstApiPaths(pathname, search, sourceIds)
    .map((path) => path.replace(/[&"<]/g, (char) => attributeEscapes[char] ?? char))
    .map((href) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${href}">`)
    .join('')
}

export async function sendIndex(
  request: FastifyRequest,
  reply: FastifyReply,
  isBuilt: boolean,
  indexPath: string,
  sourceIds: readonly string[],
): Promise<FastifyReply> {
  if (!isBuilt) {
    return reply
      .code(503)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(notBuiltPage)
  }
  const html = (await readFile(indexPath, 'utf8')).replace(
    '</head>',
    `${preloadLinks(request.url, sourceIds)}</head>`,
  )
  return reply
    .code(200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(html)
}
