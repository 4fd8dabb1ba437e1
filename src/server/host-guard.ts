/**
 * Answers only requests whose `Host` names this server. Without this check a web page on any
 * site can point a name it controls at 127.0.0.1 (DNS rebinding) and then read the runs
 * through the operator's browser, which sees one origin throughout. Loopback names and
 * addresses, the configured HOST and RUNBOARD_ALLOWED_HOSTS pass, with any port; any other
 * Host, or none (HTTP/1.0), is a 421 that says which value was refused and how to allow it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isLoopbackHost } from './config'
import { ApiError } from './errors'

export type HostGuardOptions = {
  /** The HOST the server listens on; a wildcard address names nothing, so it is ignored. */
  host?: string | undefined
  allowedHosts?: readonly string[] | undefined
}

const wildcardAddresses = new Set(['0.0.0.0', '::'])

const bare = (name: string) => name.toLowerCase().replace(/^\[|\]$/g, '')

/** The name in a `Host` value (`name`, `name:port`, `[v6]`, `[v6]:port`), or undefined. */
export function hostNameOf(value: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::\d{1,5})?$/i.exec(value)
  return match?.[1] === undefined ? undefined : bare(match[1])
}

export function hostMatcher(options: HostGuardOptions): (hostHeader: string) => boolean {
  // Entries match by name (any port), or exactly when an entry names a port itself.
  const names = new Set(options.allowedHosts?.map(bare))
  if (options.host !== undefined && !wildcardAddresses.has(bare(options.host))) {
    names.add(bare(options.host))
  }
  return (hostHeader) => {
    const name = hostNameOf(hostHeader)
    if (name === undefined) return false
    return isLoopbackHost(name) || names.has(name) || names.has(hostHeader.toLowerCase())
  }
}

/** The authority of an absolute-form target (`GET http://name/...`), which overrides Host. */
function absoluteFormHost(request: FastifyRequest): string | undefined {
  const target = request.raw.url ?? ''
  if (!/^https?:\/\//i.test(target)) return undefined
  try {
    return new URL(target).host
  } catch {
    return ''
  }
}

function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?')
  return JSON.stringify(printable.length > 100 ? `${printable.slice(0, 100)}…` : printable)
}

const howToAllow =
  'add the name to RUNBOARD_ALLOWED_HOSTS (comma-separated) in the server environment to allow it'

export function addHostGuard(app: FastifyInstance, options: HostGuardOptions): void {
  const isAllowed = hostMatcher(options)
  app.addHook('onRequest', (request, _reply, done) => {
    done(refusal(request, isAllowed))
  })
}

function refusal(
  request: FastifyRequest,
  isAllowed: (hostHeader: string) => boolean,
): ApiError | undefined {
  const host = request.headers.host
  if (host === undefined || host === '') {
    return new ApiError(
      'MISDIRECTED',
      'This request has no Host header; Runboard answers only requests that name it (localhost, its HOST, or a name in RUNBOARD_ALLOWED_HOSTS)',
    )
  }
  for (const name of [host, absoluteFormHost(request)]) {
    if (name !== undefined && !isAllowed(name)) {
      return new ApiError(
        'MISDIRECTED',
        `This Runboard does not answer to Host ${shown(name)}: ${howToAllow}`,
      )
    }
  }
  return undefined
}
