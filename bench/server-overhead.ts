/**
 * How much the Runboard server costs on top of its upstream: req/s and p50/p99 latency of a
 * cached runs page through the server, against the same page straight from the sandbox.
 * Run: node --import tsx bench/server-overhead.ts [seconds] [connections]
 */
import autocannon from 'autocannon'
import { startSandbox } from '../src/sandbox/start'
import { startRunboard } from '../src/server/runboard'

const seconds = Number(process.argv[2] ?? 10)
const connections = Number(process.argv[3] ?? 10)
const now = '2026-11-20T12:00:00.000Z'

type Result = { label: string; rps: number; p50: number; p99: number; errors: number }

async function measure(
  label: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<Result> {
  // Warm-up: fills the server's page cache and the connection pools.
  await autocannon({ url, headers, connections, duration: 1 })
  const result = await autocannon({ url, headers, connections, duration: seconds })
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  }
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ now, trigifyRateLimit: 1_000_000_000 })
  const runboard = await startRunboard(
    {
      HOST: '127.0.0.1',
      PORT: '0',
      PUQ_API_KEY: sandbox.apiKey,
      PUQ_BASE_URL: sandbox.puqBaseUrl,
    },
    { logger: false },
  )
  try {
    const direct = await measure(
      'sandbox direct',
      `${sandbox.puqBaseUrl}/v1/executions?page=1&limit=20`,
      {
        authorization: `Token ${sandbox.apiKey}`,
      },
    )
    const through = await measure(
      'through Runboard (cached)',
      `${runboard.url}/api/sources/puq/runs?page=1&pageSize=20`,
    )
    console.log(`connections=${connections} duration=${seconds}s per run, puq runs page of 20`)
    for (const row of [direct, through]) {
      console.log(
        `${row.label.padEnd(28)} ${row.rps.toFixed(0).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}`,
      )
    }
    console.log(`ratio server/sandbox: ${(through.rps / direct.rps).toFixed(2)}x req/s`)
  } finally {
    await runboard.close()
    await sandbox.close()
  }
}

await main()
