/**
 * The sandbox's own switchboard for tests that drive it over HTTP (Playwright runs the
 * sandbox in another process): change faults, reset counters and rate-limit windows, move
 * the clock, read how many upstream calls were made. Never counted, faulted or rate limited.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { faultsPatchSchema } from './faults'
import type { Faults } from './faults'
import type { RequestStatsSnapshot } from './request-stats'

export type SandboxControl = {
  faults(): Faults
  setFaults(patch: Partial<Faults>): void
  stats(): RequestStatsSnapshot
  /** Clears request counters and rate-limit windows. */
  reset(): void
  now(): Date
  /** Freezes the clock at an instant, or makes it live again with null. */
  setNow(now: Date | null): void
  isClockFrozen(): boolean
}

const clockSchema = z.object({ now: z.iso.datetime({ offset: true }).nullable() }).strict()
const maxBodyBytes = 64 * 1024

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  response.end(body)
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > maxBodyBytes) throw new Error('body too large')
    chunks.push(buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return text.trim() === '' ? {} : JSON.parse(text)
}

export async function handleControlRequest(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  control: SandboxControl,
): Promise<void> {
  const method = request.method ?? 'GET'
  const clockState = () => ({
    now: control.now().toISOString(),
    isFrozen: control.isClockFrozen(),
  })

  if (path === '/__sandbox/stats' && method === 'GET')
    return sendJson(response, 200, control.stats())
  if (path === '/__sandbox/faults' && method === 'GET')
    return sendJson(response, 200, control.faults())
  if (path === '/__sandbox/clock' && method === 'GET') return sendJson(response, 200, clockState())
  if (path === '/__sandbox/reset' && method === 'POST') {
    control.reset()
    return sendJson(response, 200, { ok: true })
  }
  if ((path === '/__sandbox/faults' || path === '/__sandbox/clock') && method === 'POST') {
    let body: unknown
    try {
      body = await readJsonBody(request)
    } catch (error) {
      return sendJson(response, 400, { error: `Invalid JSON body: ${String(error)}` })
    }
    if (path === '/__sandbox/faults') {
      const patch = faultsPatchSchema.safeParse(body)
      if (!patch.success) return sendJson(response, 400, { error: z.prettifyError(patch.error) })
      control.setFaults(patch.data)
      return sendJson(response, 200, control.faults())
    }
    const clock = clockSchema.safeParse(body)
    if (!clock.success) return sendJson(response, 400, { error: z.prettifyError(clock.error) })
    control.setNow(clock.data.now === null ? null : new Date(clock.data.now))
    return sendJson(response, 200, clockState())
  }
  return sendJson(response, 404, { error: `Unknown sandbox control ${method} ${path}` })
}
