/** What run.ts gives each part, and what a part is. */
import type { BuildInfo } from './build'
import type { PartOutcome } from './report'

export type PartContext = {
  quick: boolean
  log: (line: string) => void
  /** Builds the SPA once per bench run when dist/ is missing or stale. */
  ensureBuild: () => Promise<BuildInfo>
}

export type Part = {
  name: string
  title: string
  /** Upper bound for the whole part; run.ts gives up on it (and closes what it opened) after. */
  timeoutMs: { full: number; quick: number }
  run: (context: PartContext) => Promise<PartOutcome>
}
