/**
 * Runboard as `npm start` runs it: the server bundled by esbuild (from the bench's src/
 * snapshot) and run by plain node, without tsx, so its memory is what a user's process holds.
 * The bundle is written into dist-server/ of the repository, where its package imports resolve.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { z } from 'zod'
import { registerCleanup, withTimeout } from './bounded'
import { currentSrcRoot, readProcMemory, type ProcMemory } from './spawn-server'

export type ServerProcess = {
  url: string
  pid: number
  /** From spawn to the "running at" line, in ms. */
  startupMs: number
  procMemory(): ProcMemory | undefined
  close(signal?: NodeJS.Signals): Promise<void>
}

const repoRoot = join(import.meta.dirname, '..', '..')

/** The node flags `npm start` runs the bundle with, read from package.json's start script. */
function startFlags(): string[] {
  const manifest = z
    .object({ scripts: z.object({ start: z.string() }) })
    .parse(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')))
  const start = manifest.scripts.start
  const flags = /\bnode((?: --\S+)*) dist-server\/start\.mjs/.exec(start)?.[1]
  if (flags === undefined) {
    throw new Error(`package.json's start script does not run dist-server/start.mjs: ${start}`)
  }
  return flags.split(' ').filter((flag) => flag !== '')
}

async function bundle(name: string): Promise<string> {
  const srcRoot = currentSrcRoot() ?? join(repoRoot, 'src')
  const outDir = join(repoRoot, 'dist-server')
  mkdirSync(outDir, { recursive: true })
  const outfile = join(outDir, `${name}.mjs`)
  await build({
    entryPoints: [join(srcRoot, 'server', 'start.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  })
  return outfile
}

export async function startServerProcess(options: {
  label: string
  env: Record<string, string>
}): Promise<ServerProcess> {
  const file = await bundle(`bench-${options.label.replace(/\W+/g, '-')}`)
  const startedAt = performance.now()
  const child = spawn(process.execPath, [...startFlags(), file], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const close = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await withTimeout(exited, 10_000, `${options.label} to exit`).catch(() => {
      child.kill('SIGKILL')
    })
  }
  const unregister = registerCleanup(options.label, () => close('SIGKILL'))
  const url = await new Promise<string>((resolve, reject) => {
    // Read to the end (a full pipe would stall the server), keeping only what start-up said.
    const onData = (chunk: Buffer) => {
      if (output.length > 100_000) return
      output += chunk.toString()
      const match = /Runboard is running at (http:\/\/\S+)/.exec(output)
      if (match?.[1] !== undefined) resolve(match[1])
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) =>
      reject(
        new Error(`${options.label} exited (${code}) before listening: ${output.slice(-800)}`),
      ),
    )
  })
  const startupMs = performance.now() - startedAt
  return {
    url,
    pid: child.pid ?? -1,
    startupMs,
    procMemory: () => readProcMemory(child.pid ?? -1),
    close: async (signal) => {
      await close(signal)
      await unregister()
    },
  }
}
