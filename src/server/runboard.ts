/**
 * Starts a whole Runboard server from an environment: config, the run store, a feed and a
 * sync per source (in demo mode over the embedded sandbox on a free loopback port), the HTTP
 * app. This is what `npm start`, the e2e fixtures and the benchmarks call; `close()` stops
 * the syncs, the server, the store, the upstream connection pools and the sandbox.
 */
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Agent } from 'undici'
import { startSandbox, sandboxOptionsFromEnv } from '../sandbox/start'
import { buildApp } from './app'
import { parseConfig } from './config'
import { puqFeed, trigifyFeed, type FeedUpstream } from './sources/feed-registry'
import { forgetOtherDemoHistory } from './store/demo-identity'
import { openStore } from './store/open-store'
import type { RunStore } from './store/types'
import type { SourceFeed } from './sync/feed'
import { SourceSync } from './sync/source-sync'
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
  store: RunStore
  syncs: readonly SourceSync[]
  close(): Promise<void>
  app: FastifyInstance
}

export async function startRunboard(
  env: NodeJS.ProcessEnv,
  options: RunboardOptions = {},
): Promise<RunboardHandle> {
  const config = parseConfig(env)
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000, pipelining: 1 })
  const upstream: FeedUpstream = {
    dispatcher,
    budgets: new RateBudgetRegistry(),
    timeoutMs: config.upstreamTimeoutMs,
    trigifyRateReserve: config.trigifyRateReserve,
  }
  const cleanups: (() => Promise<void>)[] = [() => dispatcher.close()]
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  }

  try {
    const feeds: SourceFeed[] = []
    if (config.trigify) {
      feeds.push(
        trigifyFeed(
          { id: 'trigify', label: 'Trigify', isDemo: false, ...config.trigify },
          upstream,
        ),
      )
    }
    if (config.puq) {
      feeds.push(puqFeed({ id: 'puq', label: 'puq.ai', isDemo: false, ...config.puq }, upstream))
    }
    const store = await openStore({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      // Before the logger exists: a line on the console, where `npm start` says it is running.
      onUpgrade: options.logger ? (message) => console.log(message) : undefined,
    })
    cleanups.push(() => store.close())

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
      const demoFeeds = [
        trigifyFeed(
          { id: 'demo-trigify', label: 'Trigify (demo)', baseUrl: sandbox.trigifyBaseUrl, ...demo },
          upstream,
        ),
        puqFeed(
          { id: 'demo-puq', label: 'puq.ai (demo)', baseUrl: sandbox.puqBaseUrl, ...demo },
          upstream,
        ),
      ]
      await forgetOtherDemoHistory(
        store,
        demoFeeds.map((feed) => feed.info.id),
        sandbox.data,
      )
      feeds.push(...demoFeeds)
    }

    let logSyncError = (_error: unknown, _source: string): void => undefined
    const syncs = feeds.map(
      (feed) =>
        new SourceSync(feed, store, { onError: (error) => logSyncError(error, feed.info.id) }),
    )
    cleanups.push(async () => {
      await Promise.all(syncs.map((sync) => sync.stop()))
    })
    const app = await buildApp({
      store,
      syncs,
      distDir: resolve(options.distDir ?? 'dist'),
      accessToken: config.accessToken,
      host: config.host,
      allowedHosts: config.allowedHosts,
      trustProxy: config.trustProxy,
      deadlineMs: config.deadlineMs,
      pageDataBudgetMs: config.pageDataBudgetMs,
      logger: options.logger,
    })
    logSyncError = (error, source) => app.log.warn({ err: error, source }, 'sync step failed')
    cleanups.push(() => app.close())
    for (const sync of syncs) sync.start()
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
      store,
      syncs,
      close: () => (closing ??= closeAll()),
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
