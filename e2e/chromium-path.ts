/**
 * Finds the Chromium that e2e tests and benchmarks drive. Browsers cannot be downloaded on
 * our machines, so the system's Chromium comes first; Playwright's own build is the fallback.
 */
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function resolveChromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', safeBundledPath()]
  const found = candidates.find((path): path is string => !!path && existsSync(path))
  if (found) return found
  throw new Error(
    'No Chromium found. Install one (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH ' +
      'to a Chromium executable.',
  )
}

function safeBundledPath(): string | undefined {
  try {
    return chromium.executablePath()
  } catch {
    return undefined
  }
}
