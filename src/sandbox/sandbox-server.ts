/**
 * The HTTP pipeline both vendors share, on bare `node:http` so the sandbox adds next to no
 * overhead to Runboard's measurements: count, rate limit (Trigify), refuse writes, inject
 * faults, authenticate, route, then delay and answer. Hung requests are tracked so closing
 * the sandbox can cut them.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { handleControlRequest } from './control-routes'
import type { SandboxControl } from './control-routes'
import { isForcedFault, malformBody, slowFaultMs } from './faults'
import type { FaultDice, Faults } from './faults'
import type { VendorName } from './history'
import type { RateLimiter } from './rate-limit'
import type { RequestStats } from './request-stats'
import { headerValue } from './vendor-http'
import type { VendorApi, VendorResponse } from './vendor-http'

export type SandboxServerContext = {
  apis: Record<VendorName, VendorApi>
  control: SandboxControl
  faults(): Faults
  dice: FaultDice
  limiter: RateLimiter
  stats: RequestStats
  nowMs(): number
}

export type SandboxServer = {
  server: Server
  /** Cuts hung and delayed requests; the listener must be closed separately. */
  abortPending: () => void
}

function vendorOf(path: string): VendorName | null {
  if (path === '/trigify' || path.startsWith('/trigify/')) return 'trigify'
  if (path === '/puq' || path.startsWith('/puq/')) return 'puq'
  return null
}

export function createSandboxServer(context: SandboxServerContext): SandboxServer {
  const pendingTimers = new Set<NodeJS.Timeout>()
  const hungResponses = new Set<ServerResponse>()

  const answer = (response: ServerResponse, answerWith: VendorResponse, delayMs: number) => {
    const send = () => {
      if (response.destroyed) return
      response.writeHead(answerWith.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(answerWith.body),
        'cache-control': 'no-store',
        ...answerWith.headers,
      })
      response.end(answerWith.body)
    }
    if (delayMs <= 0) return send()
    const timer = setTimeout(() => {
      pendingTimers.delete(timer)
      send()
    }, delayMs)
    pendingTimers.add(timer)
  }

  const handleVendor = (
    request: IncomingMessage,
    response: ServerResponse,
    vendor: VendorName,
    path: string,
    query: string,
  ): void => {
    context.stats.record(vendor, path)
    const api = context.apis[vendor]
    const faults = context.faults()
    const params = new URLSearchParams(query)
    const forcedRaw = params.get('__fault')
    const forced = isForcedFault(forcedRaw) ? forcedRaw : null
    const delayMs = faults.latencyMs + (forced === 'slow' ? slowFaultMs : 0)
    const method = request.method ?? 'GET'

    let rateLimitHeaders: Record<string, string> = {}
    let refusal: VendorResponse | null = null
    if (vendor === 'trigify') {
      const key = headerValue(request.headers, 'x-api-key')
      const bucket = key ? `key:${key}` : `ip:${request.socket.remoteAddress ?? 'unknown'}`
      const verdict = context.limiter.hit(bucket, faults.trigifyRateLimit)
      rateLimitHeaders = {
        'RateLimit-Limit': String(verdict.limit),
        'RateLimit-Remaining': String(verdict.remaining),
        'RateLimit-Reset': String(verdict.resetSeconds),
      }
      if (!verdict.isAllowed) refusal = api.rateLimited(verdict)
    }
    if (!refusal && method !== 'GET' && method !== 'HEAD') refusal = api.methodNotAllowed(method)

    let result: VendorResponse
    if (refusal) {
      result = refusal
    } else {
      const decision = context.dice.decide(faults, forced)
      if (decision.kind === 'hang') {
        hungResponses.add(response)
        response.on('close', () => hungResponses.delete(response))
        return
      }
      if (decision.kind === 'server-error') {
        result = api.serverError(decision.status)
      } else {
        result =
          api.authFailure(request.headers) ??
          api.route({
            path: path.slice(vendor.length + 1),
            params,
            headers: request.headers,
            nowMs: context.nowMs(),
          })
        if (decision.kind === 'malformed' && result.status === 200) {
          result = { ...result, body: malformBody(result.body, decision.variant) }
        }
      }
    }
    answer(response, { ...result, headers: { ...result.headers, ...rateLimitHeaders } }, delayMs)
  }

  const server = createServer((request, response) => {
    const url = request.url ?? '/'
    const queryStart = url.indexOf('?')
    const path = queryStart < 0 ? url : url.slice(0, queryStart)
    const query = queryStart < 0 ? '' : url.slice(queryStart + 1)
    const vendor = vendorOf(path)
    if (vendor) return handleVendor(request, response, vendor, path, query)
    if (path.startsWith('/__sandbox/')) {
      handleControlRequest(request, response, path, context.control).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' })
        response.end(String(error))
      })
      return
    }
    answer(response, { status: 404, body: JSON.stringify({ error: 'Not found' }), headers: {} }, 0)
  })
  server.keepAliveTimeout = 30_000

  return {
    server,
    abortPending() {
      for (const timer of pendingTimers) clearTimeout(timer)
      pendingTimers.clear()
      for (const response of hungResponses) response.destroy()
      hungResponses.clear()
    },
  }
}
