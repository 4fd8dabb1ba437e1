/**
 * The one way the server talks to a vendor: read-only GETs over undici keep-alive pools, with
 * a timeout per request within the deadline of the API answer it serves (read from the request
 * context), bounded retries with jittered backoff on 5xx and network errors,
 * 429s surfaced (never slept through), the rate-limit budget tracked per key, identical
 * concurrent calls coalesced into one, and a short TTL cache. Bodies are validated with the
 * caller's zod schema, so the adapters only ever see vendor data that matches its contract.
 *
 * Safety: requests are only built from a base URL and a path that must match one of the
 * adapter's fixed path templates; the API key is sent as a header and scrubbed, in every
 * spelling a vendor may echo it in, from every message this module produces.
 */
import type { z } from 'zod'
import { ApiError } from '../errors'
import type { GetOptions, UpstreamClientOptions, UpstreamHealth } from './client-options'
import { backoffDelayMs, headerNumber, maxRetries, retryAfterSeconds } from './backoff'
import { describeIssues } from './describe-issues'
import { fingerprint } from './rate-budget'
import {
  countUpstreamCall,
  currentDeadline,
  describeDuration,
  type Deadline,
} from './request-context'
import {
  BodyTooLarge,
  isTimeoutError,
  maxBodyBytes,
  networkErrorName,
  readLimited,
} from './transport'
import { TtlCache } from './ttl-cache'
import { VendorErrors } from './vendor-errors'

export type { GetOptions, UpstreamClientOptions, UpstreamHealth } from './client-options'

export class UpstreamClient {
  private readonly origin: string
  private readonly basePath: string
  private readonly keyId: string
  private readonly inFlight = new Map<string, Promise<unknown>>()
  private readonly cache = new TtlCache<unknown>(500)
  private readonly now: () => number
  private readonly errors: VendorErrors
  /** Errors of requests cut short by an answer's deadline, with that deadline's `atMs`. */
  private readonly cutAt = new WeakMap<ApiError, number>()
  private reachable: boolean | null = null
  private lastError: string | undefined
  private calls = 0

  constructor(private readonly options: UpstreamClientOptions) {
    const url = new URL(options.baseUrl)
    this.origin = url.origin
    this.basePath = url.pathname.replace(/\/+$/, '')
    this.keyId = fingerprint(options.apiKey)
    this.now = options.now ?? Date.now
    this.errors = new VendorErrors(options)
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
    const { remaining, limit } = this.options.rateBudget?.snapshot() ?? {}
    return {
      reachable: this.reachable,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      ...(remaining === undefined ? {} : { rateLimitRemaining: remaining }),
      ...(limit === undefined ? {} : { rateLimit: limit }),
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
    const deadline = currentDeadline()
    const pending = this.inFlight.get(key)
    if (pending !== undefined) {
      return this.join(pending as Promise<z.output<S>>, deadline, () =>
        this.get(path, schema, options),
      )
    }

    this.checkBudget()
    const promise = this.fetchParsed(requestPath, schema, options, deadline).then(
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

  /**
   * Waits for a request another caller started, within this caller's own deadline. If that
   * request was cut short by an earlier deadline than ours (or we have none, as the sync),
   * its failure is not ours: we ask again ourselves.
   */
  private join<T>(
    pending: Promise<T>,
    deadline: Deadline | undefined,
    again: () => Promise<T>,
  ): Promise<T> {
    const joined = pending.catch((error: unknown) => {
      const cut = error instanceof ApiError ? this.cutAt.get(error) : undefined
      if (cut !== undefined && (deadline === undefined || deadline.atMs > cut)) return again()
      throw error
    })
    if (deadline === undefined) return joined
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(this.deadlineError(deadline)),
        Math.max(0, deadline.atMs - Date.now()),
      )
    })
    return Promise.race([joined, expired]).finally(() => clearTimeout(timer))
  }

  private deadlineError(deadline: Deadline): ApiError {
    const error = this.errors.error(
      'UPSTREAM_TIMEOUT',
      `The ${this.options.vendorName} API did not answer within ${describeDuration(deadline.ms)}, the time one Runboard answer may take`,
    )
    this.cutAt.set(error, deadline.atMs)
    return error
  }

  private checkBudget(): void {
    const budget = this.options.rateBudget
    if (budget?.isExhausted() === true) {
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
    deadline: Deadline | undefined,
  ): Promise<z.output<S>> {
    try {
      const body = await this.fetchWithRetries(requestPath, options, deadline)
      let json: unknown
      try {
        json = JSON.parse(body)
      } catch {
        throw this.errors.error(
          'UPSTREAM_BAD_DATA',
          `The ${this.options.vendorName} API answered something that is not JSON`,
        )
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        throw this.errors.error(
          'UPSTREAM_BAD_DATA',
          `The ${this.options.vendorName} API answered data that does not match its contract: ${describeIssues(parsed.error)}`,
        )
      }
      this.reachable = true
      this.lastError = undefined
      return parsed.data
    } catch (error) {
      // An answer's deadline says nothing about the vendor's health: it may just be short.
      if (error instanceof ApiError && error.code !== 'NOT_FOUND' && !this.cutAt.has(error)) {
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

  /**
   * Returns the body text of a 2xx answer, or throws the ApiError that describes the failure.
   * All attempts share min(timeout, time the answer has left); none starts after it.
   */
  private async fetchWithRetries(
    requestPath: string,
    options: GetOptions,
    answer: Deadline | undefined,
  ): Promise<string> {
    const answerLeftMs = answer === undefined ? Number.POSITIVE_INFINITY : answer.atMs - Date.now()
    if (answer !== undefined && answerLeftMs <= 0) throw this.deadlineError(answer)
    const cutBy = answerLeftMs < this.options.timeoutMs ? answer : undefined
    const deadline = this.now() + Math.min(this.options.timeoutMs, answerLeftMs)
    for (let retry = 0; ; retry += 1) {
      const outcome = await this.attempt(requestPath, deadline, options, cutBy)
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
    cutBy: Deadline | undefined,
  ): Promise<{ kind: 'ok'; body: string } | { kind: 'retryable'; error: ApiError }> {
    const remainingMs = Math.max(1, deadline - this.now())
    const controller = new AbortController()
    // An object, not a `let`: TypeScript does not see the timer's write.
    const timeout = { fired: false }
    const timer = setTimeout(() => {
      timeout.fired = true
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
        return { kind: 'retryable', error: this.errors.serverError(status, body) }
      }
      if (status === 429) throw this.rateLimited(response.headers)
      throw this.errors.forStatus(status, body, options.notFoundMessage)
    } catch (error) {
      if (error instanceof ApiError) throw error
      if (timeout.fired || isTimeoutError(error)) {
        if (cutBy !== undefined) throw this.deadlineError(cutBy)
        throw this.errors.error(
          'UPSTREAM_TIMEOUT',
          `The ${this.options.vendorName} API did not answer within ${this.options.timeoutMs} ms`,
        )
      }
      if (error instanceof BodyTooLarge) {
        throw this.errors.error(
          'UPSTREAM_BAD_DATA',
          `The ${this.options.vendorName} API answered more than ${maxBodyBytes} bytes`,
        )
      }
      return {
        kind: 'retryable',
        error: this.errors.error(
          'UPSTREAM_UNAVAILABLE',
          `Could not reach the ${this.options.vendorName} API (${networkErrorName(error)})`,
        ),
      }
    } finally {
      clearTimeout(timer)
    }
  }

  private rateLimited(headers: Record<string, string | string[] | undefined>): ApiError {
    const seconds = retryAfterSeconds(headers, this.now())
    this.options.rateBudget?.exhaust(seconds)
    return new ApiError(
      'UPSTREAM_RATE_LIMITED',
      `The ${this.options.vendorName} API rate limit is used up; try again in ${seconds} s`,
      { source: this.options.sourceId, retryAfterSeconds: seconds },
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
}
