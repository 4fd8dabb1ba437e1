/**
 * `npm start` as a user runs it: the server bundled by `npm run build:server` and run by plain
 * node. It serves the demo and stops cleanly on SIGTERM; a configuration or store it cannot
 * use stops it with one line saying what. The working directory is a temporary one holding a
 * stand-in SPA build (and server renderer), so no real build runs here.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'

const repoRoot = resolve(import.meta.dirname, '..', '..')
const bundle = join(repoRoot, 'dist-server', 'start.mjs')
let workDir: string

beforeAll(() => {
  execFileSync('npm', ['run', 'build:server', '--silent'], { cwd: repoRoot, stdio: 'pipe' })
  workDir = mkdtempSync(join(tmpdir(), 'runboard-start-'))
  mkdirSync(join(workDir, 'dist'))
  writeFileSync(
    join(workDir, 'dist', 'index.html'),
    '<!doctype html><title>stand-in</title><div id="root"></div>',
  )
  // A stand-in renderer too, so the build counts as complete (it renders `/runs` only).
  mkdirSync(join(workDir, 'dist-ssr'))
  writeFileSync(
    join(workDir, 'dist-ssr', 'entry-server.js'),
    'export function setApiTransport() {}\nexport async function renderPage() { throw new Error("stand-in") }\n',
  )
}, 60_000)

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true })
})

type Started = { output: () => string; exited: Promise<number | null>; stop: () => void }

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [bundle], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  return { output: () => output, exited, stop: () => child.kill('SIGTERM') }
}

async function urlOf(started: Started): Promise<string> {
  for (;;) {
    const match = /Runboard is running at (http:\/\/\S+)/.exec(started.output())
    if (match?.[1] !== undefined) return match[1]
    const exited = await Promise.race([
      started.exited.then(() => true),
      new Promise<false>((done) => setTimeout(() => done(false), 50)),
    ])
    if (exited) throw new Error(`exited before listening: ${started.output()}`)
  }
}

it('serves the demo from the bundle and stops cleanly on SIGTERM', async () => {
  const started = start({ RUNBOARD_DATA_DIR: join(workDir, 'store') })
  const url = await urlOf(started)
  expect(started.output()).toContain('demo data from the built-in sandbox')
  const health = await fetch(`${url}/api/health`)
  expect(health.status).toBe(200)
  const page = await fetch(url, { headers: { accept: 'text/html' } })
  expect(await page.text()).toContain('stand-in')
  started.stop()
  expect(await started.exited).toBe(0)
}, 30_000)

it('stops with one line when the configuration is wrong', async () => {
  const started = start({ RUNBOARD_DEMO: '0' })
  expect(await started.exited).toBe(1)
  expect(started.output().trim().split('\n')).toEqual([
    expect.stringMatching(/^Runboard cannot start: Invalid RUNBOARD_DEMO: .*nothing to show/),
  ])
}, 30_000)

it('stops with one line naming the store when it cannot be opened', async () => {
  const notADirectory = join(workDir, 'a-file')
  writeFileSync(notADirectory, 'not a directory')
  const started = start({ RUNBOARD_DATA_DIR: notADirectory })
  expect(await started.exited).toBe(1)
  const lines = started.output().trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toContain('Runboard failed to start: The store directory')
  expect(lines[0]).toContain(notADirectory)
}, 30_000)
