/** The environments the bench starts Runboard with: demo mode, frozen clock, loopback only. */

/** The instant the demo history is frozen at (the e2e tests use the same one). */
export const frozenNow = '2026-11-20T12:00:00.000Z'

/** The key the sandbox accepts (its default); the bench passes it explicitly. */
export const sandboxApiKey = 'sandbox-key'

/** Demo mode on a free loopback port with the sandbox clock frozen, plus any SANDBOX_* switches. */
export function demoEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    RUNBOARD_DEMO: '1',
    SANDBOX_API_KEY: sandboxApiKey,
    SANDBOX_NOW: frozenNow,
    // The run index reads the whole demo history before a part measures; at Trigify's real
    // limit that alone would take minutes per server (sync-economy measures that limit).
    SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
    ...extra,
  }
}

/** The 7 days that end at the frozen instant, as the stats route takes them. */
export function lastSevenDays(): { from: string; to: string } {
  const to = Date.parse(frozenNow)
  return { from: new Date(to - 7 * 24 * 3_600_000).toISOString(), to: new Date(to).toISOString() }
}
