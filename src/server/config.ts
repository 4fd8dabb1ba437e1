/**
 * Server configuration, read once from the environment and validated with zod so that a
 * typo stops the server at start-up with one line naming the variable, instead of failing
 * on the first request. Keys live here and in the upstream clients only: never log or send
 * this object.
 */
import { isIP } from 'node:net'
import { z } from 'zod'
import { redactUrlSecrets } from './upstream/redact'

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** An unset variable and an empty one mean the same: "use the default". */
const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

const optionalString = z.preprocess(blankToUndefined, z.string().optional())

const integerVar = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .default(fallback),
  )

const baseUrlVar = (fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .default(fallback)
      .refine((value) => {
        try {
          const url = new URL(value)
          return (
            (url.protocol === 'http:' || url.protocol === 'https:') &&
            url.search === '' &&
            url.hash === '' &&
            url.username === '' &&
            url.password === ''
          )
        } catch {
          return false
        }
      }, 'must be an http(s) URL without query, fragment or credentials')
      .transform((value) => value.replace(/\/+$/, '')),
  )

const flagVar = z.preprocess(
  blankToUndefined,
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
      error: 'must be 1 or 0 (true/false, yes/no, on/off)',
    })
    .transform((value) => ['1', 'true', 'yes', 'on'].includes(value))
    .optional(),
)

const envSchema = z.object({
  HOST: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address')
      .default('127.0.0.1'),
  ),
  PORT: integerVar(0, 65535, 8080),
  TRIGIFY_API_KEY: optionalString,
  TRIGIFY_BASE_URL: baseUrlVar('https://api.trigify.io'),
  PUQ_API_KEY: optionalString,
  PUQ_BASE_URL: baseUrlVar('https://api.puq.ai'),
  RUNBOARD_DEMO: flagVar,
  RUNBOARD_ACCESS_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  UPSTREAM_TIMEOUT_MS: integerVar(1, 300_000, 10_000),
  /** Trigify requests per rate-limit window the sync leaves unspent, for what people open. */
  TRIGIFY_RATE_RESERVE: integerVar(0, 1000, 10),
  /** Extra `Host` names this server answers to (comma-separated), beside loopback names. */
  RUNBOARD_ALLOWED_HOSTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.:[\], -]+$/, 'must be host names separated by commas')
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter((host) => host !== ''),
      )
      .default([]),
  ),
  /** A proxy in front terminates TLS: honour its X-Forwarded-Proto for the cookie's Secure. */
  RUNBOARD_TRUST_PROXY: flagVar,
  /** One deadline for a whole API answer, however many upstream requests it needs. */
  RUNBOARD_DEADLINE_MS: integerVar(100, 600_000, 15_000),
  /** How long a server-rendered page waits for its data before it goes out without rows. */
  RUNBOARD_PAGE_DATA_BUDGET_MS: integerVar(0, 60_000, 100),
  /** Where the embedded SQLite store lives. */
  RUNBOARD_DATA_DIR: z.preprocess(blankToUndefined, z.string().default('.runboard')),
  /** A PostgreSQL URL: the store lives there instead, shared by replicas. */
  RUNBOARD_DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL')
      .optional(),
  ),
})

export type Config = {
  host: string
  port: number
  trigify: { apiKey: string; baseUrl: string } | undefined
  puq: { apiKey: string; baseUrl: string } | undefined
  demo: boolean
  accessToken: string | undefined
  upstreamTimeoutMs: number
  trigifyRateReserve: number
  allowedHosts: readonly string[]
  trustProxy: boolean
  deadlineMs: number
  pageDataBudgetMs: number
  dataDir: string
  databaseUrl: string | undefined
}

/** Variables whose values must never appear in an error message. */
const secretVariables = new Set([
  'TRIGIFY_API_KEY',
  'PUQ_API_KEY',
  'RUNBOARD_ACCESS_TOKEN',
  'RUNBOARD_DATABASE_URL',
])

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = envSchema.safeParse(env)
  if (!result.success) {
    const issue = result.error.issues[0]
    const name = String(issue?.path[0] ?? 'environment')
    const raw = env[name]
    // A URL's userinfo, query and fragment may hold credentials: shown redacted, never as is.
    const shown =
      secretVariables.has(name) || raw === undefined
        ? ''
        : ` (got ${JSON.stringify(redactUrlSecrets(raw))})`
    throw new ConfigError(`Invalid ${name}: ${issue?.message ?? 'invalid value'}${shown}`)
  }
  const parsed = result.data
  const trigify = parsed.TRIGIFY_API_KEY
    ? { apiKey: parsed.TRIGIFY_API_KEY, baseUrl: parsed.TRIGIFY_BASE_URL }
    : undefined
  const puq = parsed.PUQ_API_KEY
    ? { apiKey: parsed.PUQ_API_KEY, baseUrl: parsed.PUQ_BASE_URL }
    : undefined
  const hasKey = trigify !== undefined || puq !== undefined
  const demo = parsed.RUNBOARD_DEMO ?? !hasKey
  if (!demo && !hasKey) {
    throw new ConfigError(
      'Invalid RUNBOARD_DEMO: demo mode is off but neither TRIGIFY_API_KEY nor PUQ_API_KEY is set, so there is nothing to show',
    )
  }
  if (!isLoopbackHost(parsed.HOST) && parsed.RUNBOARD_ACCESS_TOKEN === undefined) {
    throw new ConfigError(
      `Invalid HOST: ${parsed.HOST} is reachable from other machines; set RUNBOARD_ACCESS_TOKEN (16+ characters) or listen on 127.0.0.1`,
    )
  }
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    trigify,
    puq,
    demo,
    accessToken: parsed.RUNBOARD_ACCESS_TOKEN,
    upstreamTimeoutMs: parsed.UPSTREAM_TIMEOUT_MS,
    trigifyRateReserve: parsed.TRIGIFY_RATE_RESERVE,
    allowedHosts: parsed.RUNBOARD_ALLOWED_HOSTS,
    trustProxy: parsed.RUNBOARD_TRUST_PROXY ?? false,
    deadlineMs: parsed.RUNBOARD_DEADLINE_MS,
    pageDataBudgetMs: parsed.RUNBOARD_PAGE_DATA_BUDGET_MS,
    dataDir: parsed.RUNBOARD_DATA_DIR,
    databaseUrl: parsed.RUNBOARD_DATABASE_URL,
  }
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '')
  if (bare === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./i.test(bare)
  return false
}
