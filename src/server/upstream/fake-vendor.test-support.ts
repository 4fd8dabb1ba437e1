/**
 * A vendor for the upstream client's tests: a node:http server on a free loopback port that
 * answers whatever the test decides per request, remembers the requests it got, and can hold
 * an answer back forever (a hanging vendor) until it is closed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent } from 'undici'
import { z } from 'zod'
import { UpstreamClient, type UpstreamClientOptions } from './client'

export type FakeAnswer =
  { status: number; headers?: Record<string, string>; body?: unknown } | 'hang'

export type FakeVendor = {
  baseUrl: string
  /** The path and query of every request received, in order. */
  requests: string[]
  close(): Promise<void>
}

export async function startFakeVendor(
  answer: (url: URL, index: number, request: IncomingMessage) => FakeAnswer,
): Promise<FakeVendor> {
  const requests: string[] = []
  const held = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    const index = requests.length
    requests.push(request.url ?? '')
    const decided = answer(new URL(request.url ?? '/', 'http://vendor'), index, request)
    if (decided === 'hang') {
      held.add(response)
      response.on('close', () => held.delete(response))
      return
    }
    response.writeHead(decided.status, {
      'content-type': 'application/json',
      ...decided.headers,
    })
    response.end(JSON.stringify(decided.body ?? {}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const response of held) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The schema of the fake vendor's good answers. */
export const okSchema = z.object({ ok: z.literal(true) })

/** A client for the fake vendor; `dispatcher` is the test's, closed by the test. */
export function fakeVendorClient(
  vendor: FakeVendor,
  dispatcher: Agent,
  options: Partial<UpstreamClientOptions> = {},
): UpstreamClient {
  return new UpstreamClient({
    vendorName: 'puq.ai',
    sourceId: 'puq',
    baseUrl: vendor.baseUrl,
    apiKey: 'unused-key',
    authHeaders: {},
    dispatcher,
    timeoutMs: 10_000,
    allowedPaths: [/^\/v1\/[a-z-]+$/],
    ...options,
  })
}

export function newAgent(): Agent {
  return new Agent({ keepAliveTimeout: 1_000 })
}

/** The ApiError (or other error) a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection, got an answer')
}
