/**
 * Starts a whole Runboard server from an environment: config, sources (and, in demo mode, the
 * embedded sandbox on a free loopback port), the HTTP app. This is what `npm start`, the e2e
 * fixtures and the benchmarks call; `close()` stops the server, the upstream connection pools
 * and the sandbox.
 */
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Agent } from 'undici'
import { startSandbox, sandboxOptionsFromEnv } from '../sandbox/start'
import { buildApp } from './app'
import { parseConfig } from './config'
import { createPuq, createTrigify, type SharedUpstream } from './sources/source-registry'
import type { SourceAdapter } from './sources/types'
import { RateBudgetRegistry } from './upstream/rate-budget'

export type RunboardOptions = {
  /** Where the built SPA lives; default `dist/` in the working directory. */
  distDir?: string
  /** false by default; true or pino options to log one line per request. */
  logger?: boolean | object
}

export type RunboardHandle = {
  url: string
  /** The embedded sandbox's URL, in demo mode. */
  sandboxUrl?: string
  close(): Promise<void>
  app: FastifyInstance
}

export async function startRunboard(
  env: NodeJS.ProcessEnv,
  options: RunboardOptions = {},
): Promise<RunboardHandle> {
  const config = parseConfig(env)
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000, pipelining: 1 })
  const shared: SharedUpstream = {
    dispatcher,
    budgets: new RateBudgetRegistry(),
    timeoutMs: config.upstreamTimeoutMs,
    scanBudget: config.scanBudget,
    trigifyRateReserve: config.trigifyRateReserve,
    windowBudget: config.windowBudget,
  }
  const cleanups: (() => Promise<void>)[] = [() => dispatcher.close()]
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  }

  try {
    const sources: SourceAdapter[] = []
    if (config.trigify) {
      sources.push(
        createTrigify(
          { id: 'trigify', label: 'Trigify', isDemo: false, ...config.trigify },
          shared,
        ),
      )
    }
    if (config.puq) {
      sources.push(createPuq({ id: 'puq', label: 'puq.ai', isDemo: false, ...config.puq }, shared))
    }
    let sandboxUrl: string | undefined
    if (config.demo) {
      const sandbox = await startSandbox({
        ...sandboxOptionsFromEnv(env),
        host: '127.0.0.1',
        port: 0,
      })
      cleanups.push(() => sandbox.close())
      sandboxUrl = sandbox.url
      const demo = { isDemo: true, apiKey: sandbox.apiKey }
      sources.push(
        createTrigify(
          { id: 'demo-trigify', label: 'Trigify (demo)', baseUrl: sandbox.trigifyBaseUrl, ...demo },
          shared,
        ),
        createPuq(
          { id: 'demo-puq', label: 'puq.ai (demo)', baseUrl: sandbox.puqBaseUrl, ...demo },
          shared,
        ),
      )
    }

    const app = await buildApp({
      sources,
      distDir: resolve(options.distDir ?? 'dist'),
      accessToken: config.accessToken,
      logger: options.logger,
    })
    cleanups.push(() => app.close())
    await app.listen({ host: config.host, port: config.port })
    const address: AddressInfo | string | null = app.server.address()
    if (address === null || typeof address === 'string')
      throw new Error('server has no TCP address')
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    let closing: Promise<void> | undefined
    return {
      url: `http://${host}:${address.port}`,
      ...(sandboxUrl === undefined ? {} : { sandboxUrl }),
      app,
      close: () => (closing ??= closeAll()),
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
