/**
 * Serves the built SPA from dist/: hashed files under /assets are immutable for a year, every
 * other file (and index.html above all) is revalidated, and any GET that wants HTML and is not
 * /api gets index.html so deep links work. Without a build, pages answer a 503 that says how
 * to make one, and /api keeps working.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export const immutableCache = 'public, max-age=31536000, immutable'

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Runboard is not built</title></head>
<body><h1>Runboard's web app is not built yet</h1>
<p>Run <code>npm run build</code> (or start the server with <code>npm start</code>, which builds it) and reload.</p>
<p>The JSON API under <a href="/api/sources">/api</a> works without it.</p></body></html>`

export async function registerSpa(
  app: FastifyInstance,
  distDir: string,
): Promise<{ isBuilt: boolean; indexPath: string }> {
  const indexPath = join(distDir, 'index.html')
  const isBuilt = existsSync(indexPath)
  if (isBuilt) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      index: false,
      wildcard: true,
      cacheControl: false,
      setHeaders: (response, path) => {
        const isHashedAsset = path.startsWith(join(distDir, 'assets'))
        response.setHeader('cache-control', isHashedAsset ? immutableCache : 'no-cache')
      },
    })
  }

  app.get('/', (request, reply) => sendIndex(request, reply, isBuilt, indexPath))
  return { isBuilt, indexPath }
}

export function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  return accept.includes('text/html') || accept.includes('*/*') || accept === ''
}

export async function sendIndex(
  _request: FastifyRequest,
  reply: FastifyReply,
  isBuilt: boolean,
  indexPath: string,
): Promise<FastifyReply> {
  if (!isBuilt) {
    return reply
      .code(503)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(notBuiltPage)
  }
  const html = await readFile(indexPath, 'utf8')
  return reply
    .code(200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(html)
}
