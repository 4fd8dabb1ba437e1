/**
 * Makes sure dist/ holds a build of the current SPA sources before `npm start` serves it:
 * builds with Vite (as a child process, so the server never loads the build tool) when
 * dist/index.html or the server renderer (dist-ssr/) is missing or older than the newest file
 * in src/web, src/shared or index.html.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pageRendererPath } from './routes/rendered-page'

const sourceRoots = ['src/web', 'src/shared', 'index.html', 'vite.config.ts', 'public']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

export function isSpaBuildStale(root: string, distDir: string): boolean {
  const index = join(distDir, 'index.html')
  const renderer = pageRendererPath(distDir)
  if (!existsSync(index) || !existsSync(renderer)) return true
  // The renderer is built second: it is the older of the two only if its build failed.
  const built = Math.min(statSync(index).mtimeMs, statSync(renderer).mtimeMs)
  return sourceRoots.some((source) => newestMtime(join(root, source)) > built)
}

export function buildSpa(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`vite build exited with code ${String(code)}`))
    })
  })
}
