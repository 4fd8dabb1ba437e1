/**
 * Reads the sandbox's own request counters and flips its fault switches over its control
 * routes (`/__sandbox/stats`, `/__sandbox/faults`; see src/sandbox/control-routes.ts), which
 * are never counted, faulted or rate limited themselves.
 */
import { z } from 'zod'

const statsSchema = z.object({
  requests: z.object({ trigify: z.number(), puq: z.number(), total: z.number() }),
  byPath: z.record(z.string(), z.number()),
})
export type SandboxStats = z.infer<typeof statsSchema>

export async function readSandboxStats(sandboxUrl: string): Promise<SandboxStats> {
  const response = await fetch(`${sandboxUrl}/__sandbox/stats`, {
    signal: AbortSignal.timeout(5_000),
  })
  if (!response.ok) throw new Error(`sandbox stats answered HTTP ${response.status}`)
  return statsSchema.parse(await response.json())
}

export type StatsDiff = {
  trigify: number
  puq: number
  total: number
  /** Upstream paths and how often each was requested in between, most requested first. */
  byPath: Record<string, number>
}

export function diffStats(before: SandboxStats, after: SandboxStats): StatsDiff {
  const byPath: [string, number][] = []
  for (const [path, count] of Object.entries(after.byPath)) {
    const delta = count - (before.byPath[path] ?? 0)
    if (delta > 0) byPath.push([path, delta])
  }
  byPath.sort((a, b) => b[1] - a[1])
  return {
    trigify: after.requests.trigify - before.requests.trigify,
    puq: after.requests.puq - before.requests.puq,
    total: after.requests.total - before.requests.total,
    byPath: Object.fromEntries(byPath),
  }
}

export type FaultsPatch = Partial<{
  latencyMs: number
  faultRate: number
  malformedRate: number
  hangRate: number
  trigifyRateLimit: number
}>

export async function setSandboxFaults(sandboxUrl: string, patch: FaultsPatch): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
    signal: AbortSignal.timeout(5_000),
  })
  if (!response.ok) {
    throw new Error(`sandbox faults answered HTTP ${response.status}: ${await response.text()}`)
  }
}
