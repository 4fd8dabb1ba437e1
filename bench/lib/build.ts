/**
 * Makes sure dist/ holds a build of the current SPA sources: when dist/index.html is missing
 * or older than any input of the build (src/web, src/shared, public, index.html, the Vite,
 * Tailwind and TypeScript configs, the lockfile), runs `npm run build`, bounded in time.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { withTimeout } from './bounded'

export const projectRoot = process.cwd()
export const distDir = join(projectRoot, 'dist')

const inputDirs = ['src/web', 'src/shared', 'public']
const inputFiles = [
  'index.html',
  'vite.config.ts',
  'tailwind.config.ts',
  'tsconfig.web.json',
  'package.json',
  'package-lock.json',
]

function isTestFile(path: string): boolean {
  return /\.test\.tsx?$/.test(path) || path.includes('/test/')
}

/** The newest build input and its modification time. */
function newestInput(): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 }
  const consider = (path: string) => {
    const mtimeMs = statSync(path).mtimeMs
    if (mtimeMs > newest.mtimeMs) newest = { path: relative(projectRoot, path), mtimeMs }
  }
  const walk = (dir: string, depth: number) => {
    if (depth > 12 || !existsSync(dir)) return
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path, depth + 1)
      else if (entry.isFile() && !isTestFile(path)) consider(path)
    }
  }
  for (const dir of inputDirs) walk(join(projectRoot, dir), 0)
  for (const file of inputFiles) {
    const path = join(projectRoot, file)
    if (existsSync(path)) consider(path)
  }
  return newest
}

export type BuildInfo = { distDir: string; built: boolean; reason: string; buildMs?: number }

function runBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-6000)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, output }))
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000)
    child.once('exit', () => clearTimeout(timer))
  })
}

export async function ensureBuild(log: (line: string) => void): Promise<BuildInfo> {
  const index = join(distDir, 'index.html')
  const newest = newestInput()
  let reason: string
  if (!existsSync(index)) reason = 'dist/index.html is missing'
  else if (!existsSync(join(distDir, '..', 'dist-ssr', 'entry-server.js'))) {
    reason = 'the server renderer (dist-ssr/) is missing'
  } else if (statSync(index).mtimeMs < newest.mtimeMs) reason = `${newest.path} is newer than dist/`
  else return { distDir, built: false, reason: 'dist/ is up to date' }

  log(`  building the SPA (${reason}) ...`)
  const startedAt = performance.now()
  const result = await withTimeout(runBuild(), 310_000, 'npm run build')
  const buildMs = performance.now() - startedAt
  if (result.code !== 0) {
    if (existsSync(index)) {
      log(`  npm run build failed (exit ${result.code}); measuring the existing dist/ instead`)
      return {
        distDir,
        built: false,
        reason: `build failed, existing dist/ used: ${result.output.slice(-800)}`,
      }
    }
    throw new Error(`npm run build failed (exit ${result.code}):\n${result.output.slice(-2000)}`)
  }
  log(`  built in ${(buildMs / 1000).toFixed(1)} s`)
  return { distDir, built: true, reason, buildMs }
}
