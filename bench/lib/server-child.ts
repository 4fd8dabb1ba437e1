/**
 * A Runboard server (or the sandbox alone) in its own process, so the bench can read its
 * memory apart from Playwright's and autocannon's. Started by bench/lib/spawn-server.ts as
 * `node --import tsx --expose-gc bench/lib/server-child.ts '<config json>'`; reports its URLs
 * and memory over IPC, collects garbage when asked, and closes when told or when the parent
 * goes away.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as SandboxStart from '../../src/sandbox/start'
import type * as Runboard from '../../src/server/runboard'
import type * as Harness from '../../src/server/testing/harness'
import { pathToFileURL } from 'node:url'
import {
  childConfigSchema,
  parentMessageSchema,
  type ChildMessage,
  type MemorySnapshot,
} from './child-protocol'

type SandboxModule = typeof SandboxStart
type RunboardModule = typeof Runboard
type HarnessModule = typeof Harness

const send = (message: ChildMessage): void => {
  process.send?.(message)
}

let peakRss = 0
let peakHeapUsed = 0
const sample = () => {
  const usage = process.memoryUsage()
  peakRss = Math.max(peakRss, usage.rss)
  peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed)
  return usage
}
setInterval(sample, 50).unref()

const snapshot = (): MemorySnapshot => {
  const usage = sample()
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    peakRss,
    peakHeapUsed,
    canGc: typeof globalThis.gc === 'function',
  }
}

async function main(): Promise<void> {
  const config = childConfigSchema.parse(JSON.parse(process.argv[2] ?? '{}'))
  const srcRoot = config.srcRoot ?? join(import.meta.dirname, '..', '..', 'src')
  const load = (path: string) => pathToFileURL(join(srcRoot, path)).href
  const { startSandbox, sandboxOptionsFromEnv } = (await import(
    load('sandbox/start.ts')
  )) as SandboxModule
  const { startRunboard } = (await import(load('server/runboard.ts'))) as RunboardModule
  const { waitForLive } = (await import(load('server/testing/harness.ts'))) as HarnessModule
  const startedAt = performance.now()
  let url: string
  let sandboxUrl: string | undefined
  let close: () => Promise<void>
  if (config.mode === 'sandbox') {
    const sandbox = await startSandbox({
      ...sandboxOptionsFromEnv(config.env),
      host: '127.0.0.1',
      port: 0,
    })
    url = sandbox.url
    sandboxUrl = sandbox.url
    close = () => sandbox.close()
  } else {
    // Each child its own store, unless the part measures one it made (a restart).
    const ownStore = config.env.RUNBOARD_DATA_DIR === undefined
    const dataDir = config.env.RUNBOARD_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'bench-store-')))
    const runboard = await startRunboard(
      { ...config.env, RUNBOARD_DATA_DIR: dataDir },
      { logger: false, ...(config.distDir === undefined ? {} : { distDir: config.distDir }) },
    )
    // Figures are of a server whose run index holds the whole history, as in steady use
    // (except where a part measures the backfill itself).
    if (config.env.RUNBOARD_BENCH_NO_WAIT !== '1') await waitForLive(runboard, 15 * 60_000)
    url = runboard.url
    sandboxUrl = runboard.sandboxUrl
    close = async () => {
      await runboard.close()
      if (ownStore) await rm(dataDir, { recursive: true, force: true })
    }
  }
  const startupMs = performance.now() - startedAt

  let closing: Promise<void> | undefined
  const shutdown = () => {
    closing ??= (async () => {
      const forced = setTimeout(() => process.exit(1), 8_000)
      forced.unref()
      await close().catch(() => undefined)
      process.exit(0)
    })()
    return closing
  }

  process.on('message', (raw: unknown) => {
    const parsed = parentMessageSchema.safeParse(raw)
    if (!parsed.success) return
    const { id, type } = parsed.data
    if (type === 'gc') {
      // Twice: the first pass can leave garbage that only the second one finds.
      globalThis.gc?.()
      globalThis.gc?.()
    }
    if (type === 'reset-peak') {
      peakRss = 0
      peakHeapUsed = 0
    }
    send({ type: 'reply', id, memory: snapshot() })
    if (type === 'close') void shutdown()
  })
  process.on('disconnect', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())

  send({
    type: 'ready',
    url,
    ...(sandboxUrl === undefined ? {} : { sandboxUrl }),
    startupMs,
    memory: snapshot(),
  })
}

main().catch((error: unknown) => {
  send({
    type: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  })
  setTimeout(() => process.exit(1), 100)
})
