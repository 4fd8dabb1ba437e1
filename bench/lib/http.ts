/** Timed GETs against the servers under test, over undici's keep-alive pool. */
import { request } from 'undici'

export type TimedResponse = { status: number; ms: number; text: string }

export async function timedGet(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<TimedResponse> {
  const startedAt = performance.now()
  const response = await request(url, {
    headers: { accept: 'application/json', ...headers },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  })
  const text = await response.body.text()
  return { status: response.statusCode, ms: performance.now() - startedAt, text }
}

/** GETs JSON and throws on a non-2xx answer, naming the URL. */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await timedGet(url, headers)
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`GET ${url} answered HTTP ${response.status}: ${response.text.slice(0, 300)}`)
  }
  return JSON.parse(response.text) as unknown
}
