/**
 * Starts the sandbox upstream: builds the seeded history, wires both vendors' routes into one
 * loopback HTTP server, and hands back the URLs, the key and the switches tests need. Options
 * come either from code (tests) or from SANDBOX_* variables (`npm run sandbox`, demo mode).
 */
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { createFaultDice, defaultFaults, faultsPatchSchema } from './faults'
import type { Faults } from './faults'
import { generateHistory } from './history'
import type { SandboxData } from './history'
import { createPuqApi } from './puq-routes'
import { createRateLimiter } from './rate-limit'
import { createRequestStats } from './request-stats'
import type { RequestCounts, RequestStatsSnapshot } from './request-stats'
import { createSandboxServer } from './sandbox-server'
import { createTrigifyApi } from './trigify-routes'

export type SandboxOptions = {
  /** Default 127.0.0.1: the sandbox holds no secrets but should not be reachable from outside. */
  host?: string
  /** Default 0: any free port. */
  port?: number
  apiKey?: string
  seed?: number
  /** Runs across both vendors, split evenly. */
  runs?: number
  /** Freezes the clock at this instant; live (wall clock) when unset. */
  now?: string | Date
  /**
   * The instant the history is built around (30 days before, 48 hours after). Defaults to
   * `now`, or the start-up time when live. Set it apart from `now` to see one history at
   * several instants.
   */
  anchor?: string | Date
  latencyMs?: number
  faultRate?: number
  malformedRate?: number
  hangRate?: number
  trigifyRateLimit?: number
}

export type SandboxHandle = {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string
  trigifyBaseUrl: string
  puqBaseUrl: string
  apiKey: string
  close(): Promise<void>
  setFaults(faults: Partial<Faults>): void
  faults(): Faults
  requestCount(): RequestCounts
  requestStats(): RequestStatsSnapshot
  resetCounters(): void
  /** Clears request counters and Trigify rate-limit windows (like `POST /__sandbox/reset`). */
  reset(): void
  now(): Date
  /** Freezes the clock at an instant, or makes it live again with null. */
  setNow(now: string | Date | null): void
  data: SandboxData
}

export const defaultApiKey = 'sandbox-key'
export const defaultSeed = 42
export const defaultRuns = 20_000
/** Twice the 1,000,000 the memory budget (500 MB) is measured at. */
export const maxRuns = 2_000_000

function toMs(value: string | Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  if (!Number.isFinite(ms))
    throw new Error(`${name} must be an ISO date-time, got ${String(value)}`)
  return ms
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const apiKey = options.apiKey ?? defaultApiKey
  const seed = options.seed ?? defaultSeed
  const runs = options.runs ?? defaultRuns
  if (!Number.isInteger(runs) || runs < 0 || runs > maxRuns) {
    throw new Error(`runs must be an integer between 0 and ${maxRuns}, got ${runs}`)
  }
  let frozenNowMs = options.now === undefined ? null : toMs(options.now, 'now')
  const anchorMs =
    options.anchor === undefined ? (frozenNowMs ?? Date.now()) : toMs(options.anchor, 'anchor')
  const nowMs = (): number => frozenNowMs ?? Date.now()

  let faults: Faults = {
    latencyMs: options.latencyMs ?? defaultFaults.latencyMs,
    faultRate: options.faultRate ?? defaultFaults.faultRate,
    malformedRate: options.malformedRate ?? defaultFaults.malformedRate,
    hangRate: options.hangRate ?? defaultFaults.hangRate,
    trigifyRateLimit: options.trigifyRateLimit ?? defaultFaults.trigifyRateLimit,
  }
  const setFaults = (patch: Partial<Faults>): void => {
    faults = { ...faults, ...faultsPatchSchema.parse(patch) }
  }

  const data = generateHistory({ seed, runs, anchorMs })
  const stats = createRequestStats()
  const limiter = createRateLimiter()
  const reset = (): void => {
    stats.reset()
    limiter.reset()
  }
  const setNow = (now: string | Date | null): void => {
    frozenNowMs = now === null ? null : toMs(now, 'now')
  }

  const { server, abortPending } = createSandboxServer({
    apis: {
      trigify: createTrigifyApi(data.trigify, apiKey),
      puq: createPuqApi(data.puq, apiKey, seed),
    },
    control: {
      faults: () => faults,
      setFaults,
      stats: () => stats.snapshot(),
      reset,
      now: () => new Date(nowMs()),
      setNow,
      isClockFrozen: () => frozenNowMs !== null,
    },
    faults: () => faults,
    dice: createFaultDice(seed),
    limiter,
    stats,
    nowMs,
  })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address: AddressInfo | string | null = server.address()
  if (address === null || typeof address === 'string') throw new Error('sandbox has no TCP address')
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${urlHost}:${address.port}`

  let closing: Promise<void> | null = null
  return {
    url,
    trigifyBaseUrl: `${url}/trigify`,
    puqBaseUrl: `${url}/puq`,
    apiKey,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        abortPending()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    },
    setFaults,
    faults: () => faults,
    requestCount: () => stats.counts(),
    requestStats: () => stats.snapshot(),
    resetCounters: () => stats.reset(),
    reset,
    now: () => new Date(nowMs()),
    setNow,
    data,
  }
}

const optionalText = (name: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()))
    .describe(name)

function integerVariable(name: string, min: number, max: number) {
  return optionalText(name).pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number between ${min} and ${max}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `${name} must be at least ${min}`)
          .max(max, `${name} must be at most ${max}`),
      )
      .optional(),
  )
}

function rateVariable(name: string) {
  return optionalText(name).pipe(
    z
      .string()
      .regex(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, `${name} must be a number between 0 and 1`)
      .transform(Number)
      .optional(),
  )
}

const sandboxEnvSchema = z.object({
  SANDBOX_API_KEY: optionalText('SANDBOX_API_KEY').pipe(
    z
      .string()
      .regex(/^[\x21-\x7e]{1,256}$/, 'SANDBOX_API_KEY must be 1-256 printable ASCII characters')
      .optional(),
  ),
  SANDBOX_SEED: integerVariable('SANDBOX_SEED', 0, 0xffffffff),
  SANDBOX_RUNS: integerVariable('SANDBOX_RUNS', 0, maxRuns),
  SANDBOX_NOW: optionalText('SANDBOX_NOW').pipe(
    z.iso.datetime({ offset: true, error: 'SANDBOX_NOW must be an ISO date-time' }).optional(),
  ),
  SANDBOX_LATENCY_MS: integerVariable('SANDBOX_LATENCY_MS', 0, 600_000),
  SANDBOX_FAULT_RATE: rateVariable('SANDBOX_FAULT_RATE'),
  SANDBOX_MALFORMED_RATE: rateVariable('SANDBOX_MALFORMED_RATE'),
  SANDBOX_HANG_RATE: rateVariable('SANDBOX_HANG_RATE'),
  SANDBOX_TRIGIFY_RATE_LIMIT: integerVariable('SANDBOX_TRIGIFY_RATE_LIMIT', 1, 1_000_000),
})

/** Reads SANDBOX_* variables; a bad value throws an Error naming the variable. */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv): SandboxOptions {
  const parsed = sandboxEnvSchema.safeParse(env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'SANDBOX_*')
      const received = env[variable]
      return `${issue.message.includes(variable) ? issue.message : `${variable}: ${issue.message}`} (got ${JSON.stringify(received)})`
    })
    throw new Error(`Invalid sandbox configuration: ${issues.join('; ')}`)
  }
  const value = parsed.data
  const options: SandboxOptions = {}
  if (value.SANDBOX_API_KEY !== undefined) options.apiKey = value.SANDBOX_API_KEY
  if (value.SANDBOX_SEED !== undefined) options.seed = value.SANDBOX_SEED
  if (value.SANDBOX_RUNS !== undefined) options.runs = value.SANDBOX_RUNS
  if (value.SANDBOX_NOW !== undefined) options.now = value.SANDBOX_NOW
  if (value.SANDBOX_LATENCY_MS !== undefined) options.latencyMs = value.SANDBOX_LATENCY_MS
  if (value.SANDBOX_FAULT_RATE !== undefined) options.faultRate = value.SANDBOX_FAULT_RATE
  if (value.SANDBOX_MALFORMED_RATE !== undefined)
    options.malformedRate = value.SANDBOX_MALFORMED_RATE
  if (value.SANDBOX_HANG_RATE !== undefined) options.hangRate = value.SANDBOX_HANG_RATE
  if (value.SANDBOX_TRIGIFY_RATE_LIMIT !== undefined) {
    options.trigifyRateLimit = value.SANDBOX_TRIGIFY_RATE_LIMIT
  }
  return options
}
