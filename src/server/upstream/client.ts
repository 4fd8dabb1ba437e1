/**
 * The one way the server talks to a vendor: read-only GETs over undici keep-alive pools, with
 * a deadline per request, bounded retries with jittered backoff on 5xx and network errors,
 * 429s surfaced (never slept through), the rate-limit budget tracked per key, identical
 * concurrent calls coalesced into one, and a short TTL cache. Bodies are validated with the
 * caller's zod schema, so the adapters only ever see vendor data that matches its contract.
 *
 * Safety: requests are only built from a base URL and a path that must match one of the
 * adapter's fixed path templates; the API key is sent as a header and scrubbed from every
 * message this module produces.
 */
import type { Dispatcher } from 'undici'
import { z } from 'zod'
import { ApiError } from '../errors'
import { backoffDelayMs, headerNumber, maxRetries, retryAfterSeconds } from './backoff'
import { describeIssues } from './describe-issues'
import { fingerprint, type RateBudget } from './rate-budget'
import { countUpstreamCall } from './request-context'
import { TtlCache } from './ttl-cache'

/** How much a multi-request operation (a scan) may still spend; shared across its calls. */
export type ScanAllowance = { remaining: number; reserve: number }

/** Thrown (not an ApiError) when a scan must stop; scanners catch it and report coverage. */
export class ScanBudgetExhausted extends Error {
  constructor(readonly reason: 'call-budget' | 'rate-limit') {
    super(`scan stopped: ${reason}`)
    this.name = 'ScanBudgetExhausted'
  }
}

export type UpstreamClientOptions = {
  /** Human name for messages: "Trigify", "puq.ai". */
  vendorName: string
  sourceId: string
  baseUrl: string
  apiKey: string
  authHeaders: Record<string, string>
  dispatcher: Dispatcher
  timeoutMs: number
  /** Path templates (relative to the base URL's path) this client may request. */
  allowedPaths: readonly RegExp[]
  rateBudget?: RateBudget
  /** Reads the vendor's error body into "CODE: message" for our messages. */
  describeErrorBody?: (body: unknown) => string | undefined
  now?: () => number
}

export type GetOptions = {
  query?: Record<string, string | number | undefined>
  /** Cache a successful parsed answer this long (0: do not cache). */
  ttlMs?: number
  /** Set for scan traffic: counts calls against it and respects the rate-limit reserve. */
  scan?: ScanAllowance
  /** Message for a vendor 404 (becomes NOT_FOUND); without it a 404 is bad data. */
  notFoundMessage?: string
}

export type UpstreamHealth = {
  reachable: boolean | null
  lastError?: string
  rateLimitRemaining?: number
}

const maxBodyBytes = 8 * 1024 * 1024

export class UpstreamClient {
  private readonly origin: string
  private readonly basePath: string
  private readonly keyId: string
  private readonly inFlight = new Map<string, Promise<unknown>>()
  private readonly cache = new TtlCache<unknown>(500)
  private readonly now: () => number
  private reachable: boolean | null = null
  private lastError: string | undefined
  private calls = 0

  constructor(private readonly options: UpstreamClientOptions) {
    const url = new URL(options.baseUrl)
    this.origin = url.origin
    this.basePath = url.pathname.replace(/\/+$/, '')
    this.keyId = fingerprint(options.apiKey)
    this.now = options.now ?? Date.now
  }

  /** Upstream network calls made so far (cache hits and coalesced joins excluded). */
  get callCount(): number {
    return this.calls
  }

  /** Seconds until the tracked rate-limit window resets (1 when unknown). */
  rateLimitRetryAfterSeconds(): number {
    return this.options.rateBudget?.secondsUntilReset() ?? 1
  }

  health(): UpstreamHealth {
    const remaining = this.options.rateBudget?.snapshot().remaining
    return {
      reachable: this.reachable,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(remaining === undefined ? {} : { rateLimitRemaining: remaining }),
    }
  }

  async get<S extends z.ZodType>(
    path: string,
    schema: S,
    options: GetOptions = {},
  ): Promise<z.output<S>> {
    if (!this.options.allowedPaths.some((pattern) => pattern.test(path))) {
      throw new ApiError('INTERNAL', 'Refused to call a vendor path outside the allowed list', {
        source: this.options.sourceId,
      })
    }
    const search = new URLSearchParams()
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) search.set(name, String(value))
    }
    const query = search.toString()
    const requestPath = `${this.basePath}${path}${query === '' ? '' : `?${query}`}`
    const key = `${this.keyId} GET ${requestPath}`

    // The key contains the path, and each path is only ever read with one schema, so what
    // the cache and the in-flight map hold under it is that schema's output.
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached as z.output<S>
    const pending = this.inFlight.get(key)
    if (pending !== undefined) return pending as Promise<z.output<S>>

    this.checkBudget(options.scan)
    const promise = this.fetchParsed(requestPath, schema, options).then(
      (value) => {
        this.inFlight.delete(key)
        this.cache.set(key, value, options.ttlMs ?? 0)
        return value
      },
      (error: unknown) => {
        this.inFlight.delete(key)
        throw error
      },
    )
    this.inFlight.set(key, promise)
    return promise
  }

  private checkBudget(scan: ScanAllowance | undefined): void {
    const budget = this.options.rateBudget
    if (scan !== undefined) {
      if (scan.remaining <= 0) throw new ScanBudgetExhausted('call-budget')
      if (budget !== undefined && !budget.canScan(scan.reserve)) {
        throw new ScanBudgetExhausted('rate-limit')
      }
      scan.remaining -= 1
    } else if (budget?.isExhausted() === true) {
      const retryAfter = budget.secondsUntilReset()
      throw new ApiError(
        'UPSTREAM_RATE_LIMITED',
        `The ${this.options.vendorName} rate limit is used up; try again in ${retryAfter} s`,
        { source: this.options.sourceId, retryAfterSeconds: retryAfter },
      )
    }
  }

  private async fetchParsed<S extends z.ZodType>(
    requestPath: string,
    schema: S,
    options: GetOptions,
  ): Promise<z.output<S>> {
    try {
      const body = await this.fetchWithRetries(requestPath, options)
      let json: unknown
      try {
        json = JSON.parse(body)
      } catch {
        throw this.error(
          'UPSTREAM_BAD_DATA',
          `The ${this.options.vendorName} API answered something that is not JSON`,
        )
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        throw this.error(
          'UPSTREAM_BAD_DATA',
          `The ${this.options.vendorName} API answered data that does not match its contract: ${describeIssues(parsed.error)}`,
        )
      }
      this.reachable = true
      this.lastError = undefined
      return parsed.data
    } catch (error) {
      if (error instanceof ApiError && error.code !== 'NOT_FOUND') {
        this.lastError = error.message
        if (error.code === 'UPSTREAM_TIMEOUT' || error.code === 'UPSTREAM_UNAVAILABLE') {
          this.reachable = false
        } else {
          this.reachable = true
        }
      }
      throw error
    }
  }

  /** Returns the body text of a 2xx answer, or throws the ApiError that describes the failure. */
  private async fetchWithRetries(requestPath: string, options: GetOptions): Promise<string> {
    const deadline = this.now() + this.options.timeoutMs
    for (let retry = 0; ; retry += 1) {
      const outcome = await this.attempt(requestPath, deadline, options)
      if (outcome.kind === 'ok') return outcome.body
      const delay = backoffDelayMs(retry)
      const canRetry = retry < maxRetries && this.now() + delay < deadline - 50
      if (!canRetry) throw outcome.error
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }

  private async attempt(
    requestPath: string,
    deadline: number,
    options: GetOptions,
  ): Promise<{ kind: 'ok'; body: string } | { kind: 'retryable'; error: ApiError }> {
    const remainingMs = Math.max(1, deadline - this.now())
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, remainingMs)
    this.calls += 1
    countUpstreamCall()
    this.options.rateBudget?.spend()
    try {
      const response = await this.options.dispatcher.request({
        origin: this.origin,
        path: requestPath,
        method: 'GET',
        headers: { accept: 'application/json', ...this.options.authHeaders },
        signal: controller.signal,
        headersTimeout: remainingMs,
        bodyTimeout: remainingMs,
      })
      this.observeRateLimit(response.headers)
      const body = await readLimited(response.body)
      const status = response.statusCode
      if (status >= 200 && status < 300) return { kind: 'ok', body }
      if (status >= 500) {
        return {
          kind: 'retryable',
          error: this.error(
            'UPSTREAM_UNAVAILABLE',
            `The ${this.options.vendorName} API failed with HTTP ${status}${this.vendorDetail(body)}`,
          ),
        }
      }
      throw this.statusError(status, body, response.headers, options)
    } catch (error) {
      if (error instanceof ApiError) throw error
      if (timedOut || isTimeoutError(error)) {
        throw this.error(
          'UPSTREAM_TIMEOUT',
          `The ${this.options.vendorName} API did not answer within ${this.options.timeoutMs} ms`,
        )
      }
      if (error instanceof BodyTooLarge) {
        throw this.error(
          'UPSTREAM_BAD_DATA',
          `The ${this.options.vendorName} API answered more than ${maxBodyBytes} bytes`,
        )
      }
      return {
        kind: 'retryable',
        error: this.error(
          'UPSTREAM_UNAVAILABLE',
          `Could not reach the ${this.options.vendorName} API (${networkErrorName(error)})`,
        ),
      }
    } finally {
      clearTimeout(timer)
    }
  }

  private statusError(
    status: number,
    body: string,
    headers: Record<string, string | string[] | undefined>,
    options: GetOptions,
  ): ApiError {
    const vendor = this.options.vendorName
    if (status === 401) {
      return this.error('UPSTREAM_AUTH', `The ${vendor} API rejected the configured API key`)
    }
    if (status === 402 || status === 403) {
      return this.error(
        'UPSTREAM_FORBIDDEN',
        `The ${vendor} API refused access with the configured API key${this.vendorDetail(body)}`,
      )
    }
    if (status === 404 && options.notFoundMessage !== undefined) {
      return this.error('NOT_FOUND', options.notFoundMessage)
    }
    if (status === 429) {
      const seconds = retryAfterSeconds(headers, this.now())
      this.options.rateBudget?.exhaust(seconds)
      return new ApiError(
        'UPSTREAM_RATE_LIMITED',
        `The ${vendor} API rate limit is used up; try again in ${seconds} s`,
        { source: this.options.sourceId, retryAfterSeconds: seconds },
      )
    }
    return this.error(
      'UPSTREAM_BAD_DATA',
      `The ${vendor} API refused the request with HTTP ${status}${this.vendorDetail(body)}`,
    )
  }

  private observeRateLimit(headers: Record<string, string | string[] | undefined>): void {
    const budget = this.options.rateBudget
    if (budget === undefined) return
    const limit = headerNumber(headers['ratelimit-limit'])
    const remaining = headerNumber(headers['ratelimit-remaining'])
    const resetSeconds = headerNumber(headers['ratelimit-reset'])
    budget.observe({
      ...(limit === undefined ? {} : { limit }),
      ...(remaining === undefined ? {} : { remaining }),
      ...(resetSeconds === undefined ? {} : { resetSeconds }),
    })
  }

  private vendorDetail(body: string): string {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      return ''
    }
    const detail = this.options.describeErrorBody?.(json)
    if (detail === undefined || detail === '') return ''
    return ` (${this.scrub(detail).slice(0, 300)})`
  }

  private error(code: ConstructorParameters<typeof ApiError>[0], message: string): ApiError {
    return new ApiError(code, this.scrub(message), { source: this.options.sourceId })
  }

  /** The key must never appear in anything we say, even if a vendor echoes it back. */
  private scrub(text: string): string {
    return this.options.apiKey === '' ? text : text.split(this.options.apiKey).join('[redacted]')
  }
}

class BodyTooLarge extends Error {}

async function readLimited(body: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > maxBodyBytes) throw new BodyTooLarge()
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function isTimeoutError(error: unknown): boolean {
  const code = errorCode(error)
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
}

function networkErrorName(error: unknown): string {
  return errorCode(error) ?? 'connection error'
}

const errorWithCode = z.object({ code: z.string() })

function errorCode(error: unknown): string | undefined {
  const parsed = errorWithCode.safeParse(error)
  return parsed.success ? parsed.data.code : undefined
}
