/**
 * Where to send someone after they sign in: the page they asked for, carried through the
 * sign-in form as `next`. It comes from the request, so it is accepted only as a path on this
 * server (never `//other.site`, `/\other.site`, a scheme or control characters), or it
 * becomes `/`: otherwise the sign-in page would be an open redirect.
 */
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'

const base = 'http://runboard.invalid'
const nextSchema = z
  .string()
  .max(2048)
  .regex(/^\/(?![/\\])[^\\\p{Cc}]*$/u)

export function safeNextPath(value: unknown): string {
  const parsed = nextSchema.safeParse(value)
  if (!parsed.success) return '/'
  const url = new URL(parsed.data, base)
  if (url.origin !== base || url.pathname === '/login' || url.pathname === '/logout') return '/'
  return `${url.pathname}${url.search}${url.hash}`
}

/** The page a request asked for, as a `next` value (absolute-form targets included). */
export function requestedPath(request: FastifyRequest): string {
  try {
    // Origin-form is appended to the base, so `//name/x` stays a path instead of a host.
    const url = new URL(request.url.startsWith('/') ? `${base}${request.url}` : request.url)
    return safeNextPath(`${url.pathname}${url.search}`)
  } catch {
    return '/'
  }
}

export function loginLocation(next: string): string {
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`
}
