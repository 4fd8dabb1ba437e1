/**
 * Starts bench/lib/server-child.ts in a child process and talks to it: its URLs, its memory
 * (its own sampler over IPC, and the kernel's view in /proc/<pid>/status), a forced GC, and a
 * bounded close that ends with SIGKILL to that one child if it does not exit in time.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  childMessageSchema,
  type ChildConfig,
  type ChildMessage,
  type MemorySnapshot,
} from './child-protocol'
import { registerCleanup, withTimeout } from './bounded'

export type ProcMemory = { vmHwm: number; vmRss: number }

export type ServerChild = {
  label: string
  pid: number
  url: string
  /** The embedded (demo) or standalone sandbox's base URL. */
  sandboxUrl: string
  startupMs: number
  memoryAtReady: MemorySnapshot
  memory(): Promise<MemorySnapshot>
  /** Runs global.gc twice in the child, then reports its memory. */
  gc(): Promise<MemorySnapshot>
  resetPeak(): Promise<MemorySnapshot>
  /** Peak (VmHWM) and current (VmRSS) resident memory from the kernel, in bytes. */
  procMemory(): ProcMemory | undefined
  isAlive(): boolean
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined
  stderrTail(): string
  close(): Promise<void>
}

const childPath = fileURLToPath(new URL('./server-child.ts', import.meta.url))

let srcRoot: string | undefined

/** Makes every server child started from now on import src/ from `root` (a snapshot). */
export function useSrcRoot(root: string | undefined): void {
  srcRoot = root
}

/** The src/ that servers start from: a snapshot, or undefined for the working tree's. */
export function currentSrcRoot(): string | undefined {
  return srcRoot
}

export function readProcMemory(pid: number): ProcMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)
      return match?.[1] === undefined ? undefined : Number(match[1]) * 1024
    }
    const vmHwm = field('VmHWM')
    const vmRss = field('VmRSS')
    return vmHwm === undefined || vmRss === undefined ? undefined : { vmHwm, vmRss }
  } catch {
    return undefined
  }
}

export async function startServerChild(options: {
  label: string
  mode?: ChildConfig['mode']
  env: Record<string, string>
  distDir?: string
  readyTimeoutMs?: number
}): Promise<ServerChild> {
  const config: ChildConfig = {
    mode: options.mode ?? 'runboard',
    env: options.env,
    ...(options.distDir === undefined ? {} : { distDir: options.distDir }),
    ...(srcRoot === undefined ? {} : { srcRoot }),
  }
  const child: ChildProcess = fork(childPath, [JSON.stringify(config)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start the ${options.label} process`)

  let stderr = ''
  const keepTail = (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  }
  child.stderr?.on('data', keepTail)
  child.stdout?.on('data', keepTail)

  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal }
      resolve()
    })
  })

  const replies = new Map<number, (memory: MemorySnapshot) => void>()
  let nextId = 1
  let ready: ((message: Extract<ChildMessage, { type: 'ready' }>) => void) | undefined
  let failed: ((error: Error) => void) | undefined
  child.on('message', (raw: unknown) => {
    const parsed = childMessageSchema.safeParse(raw)
    if (!parsed.success) return
    const message = parsed.data
    if (message.type === 'ready') ready?.(message)
    else if (message.type === 'failed') failed?.(new Error(message.message))
    else replies.get(message.id)?.(message.memory)
  })

  const forceKill = async () => {
    if (exitInfo !== undefined) return
    child.kill('SIGKILL')
    await withTimeout(exited, 5_000, `${options.label} exit after SIGKILL`).catch(() => undefined)
  }
  const close = registerCleanup(options.label, async () => {
    if (exitInfo !== undefined) return
    if (child.connected) child.send({ id: 0, type: 'close' })
    await withTimeout(exited, 10_000, `${options.label} exit`).catch(forceKill)
  })

  const readyMessage = await withTimeout(
    new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
      ready = resolve
      failed = reject
      void exited.then(() =>
        reject(new Error(`${options.label} exited before it was ready: ${stderr.slice(-1500)}`)),
      )
    }),
    options.readyTimeoutMs ?? 120_000,
    `starting ${options.label}`,
  ).catch(async (error: unknown) => {
    await close()
    throw error
  })

  const ask = (type: 'memory' | 'gc' | 'reset-peak'): Promise<MemorySnapshot> => {
    if (!child.connected) return Promise.reject(new Error(`${options.label} is not running`))
    const id = nextId++
    const answer = new Promise<MemorySnapshot>((resolve) => replies.set(id, resolve))
    child.send({ id, type })
    return withTimeout(answer, 15_000, `${options.label} ${type}`).finally(() => replies.delete(id))
  }

  return {
    label: options.label,
    pid,
    url: readyMessage.url,
    sandboxUrl: readyMessage.sandboxUrl ?? readyMessage.url,
    startupMs: readyMessage.startupMs,
    memoryAtReady: readyMessage.memory,
    memory: () => ask('memory'),
    gc: () => ask('gc'),
    resetPeak: () => ask('reset-peak'),
    procMemory: () => readProcMemory(pid),
    isAlive: () => exitInfo === undefined,
    exit: () => exitInfo,
    stderrTail: () => stderr,
    close,
  }
}
