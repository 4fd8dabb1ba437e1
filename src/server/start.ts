/**
 * `npm start`: builds the SPA if its build is missing or stale, starts Runboard from the
 * environment, says where it runs, and shuts down cleanly on SIGINT/SIGTERM. A configuration
 * error prints one line and exits 1.
 */
import { resolve } from 'node:path'
import { buildSpa, isSpaBuildStale } from './build-spa'
import { ConfigError, parseConfig } from './config'
import { startRunboard } from './runboard'

async function main(): Promise<void> {
  // React, loaded later by the page renderer, picks its build from this once: a served page
  // renders with the production one (several times faster, and quiet) unless told otherwise.
  process.env.NODE_ENV ??= 'production'
  // Validate first: a typo should not wait for a SPA build to be reported.
  parseConfig(process.env)
  const root = process.cwd()
  const distDir = resolve(root, 'dist')
  if (isSpaBuildStale(root, distDir)) {
    console.log('Building the web app (dist/ is missing or older than its sources)...')
    // A broken SPA build should not take the API down with it: serve what there is (or the
    // "not built" page) and say so.
    await buildSpa(root).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : 'unknown error'
      console.error(`The web app build failed (${reason}); serving the previous build, if any.`)
    })
  }
  const runboard = await startRunboard(process.env, { distDir, logger: true })
  const sources = runboard.sandboxUrl === undefined ? '' : ' (demo data from the built-in sandbox)'
  console.log(`Runboard is running at ${runboard.url}${sources}`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} received, shutting down...`)
    runboard.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Runboard cannot start: ${error.message}`)
  } else if (error instanceof Error) {
    console.error(`Runboard failed to start: ${error.message}`)
  } else {
    console.error('Runboard failed to start')
  }
  process.exit(1)
})
