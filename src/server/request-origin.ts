/**
 * What the server may believe about where a request came from. By default only the socket:
 * the client's address and whether the connection is TLS. With RUNBOARD_TRUST_PROXY a proxy in
 * front is trusted to say both (`X-Forwarded-For`, `X-Forwarded-Proto`); without it those
 * headers are whatever a client chose to send, so they are ignored.
 */
import type { FastifyRequest } from 'fastify'

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

export function isHttps(request: FastifyRequest, trustProxy: boolean): boolean {
  if (request.protocol === 'https') return true
  if (!trustProxy) return false
  // The first entry is the proxy nearest the client: the scheme the browser used.
  const forwarded = headerValue(request, 'x-forwarded-proto')?.split(',')[0]?.trim()
  return forwarded?.toLowerCase() === 'https'
}

export function clientAddress(request: FastifyRequest, trustProxy: boolean): string {
  if (!trustProxy) return request.ip
  // The last entry is the one our own proxy appended; earlier ones the client could forge.
  const forwarded = headerValue(request, 'x-forwarded-for')?.split(',').at(-1)?.trim()
  return forwarded === undefined || forwarded === '' ? request.ip : forwarded
}
