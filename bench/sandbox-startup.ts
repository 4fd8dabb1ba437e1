/**
 * Measures how long a 1,000,000-run sandbox takes to start and how much memory it holds, the
 * budget being under 10 s and under 500 MB. Prints figures; not part of `npm test`.
 * Run: node --import tsx bench/sandbox-startup.ts [runs]
 */
import { startSandbox } from '../src/sandbox/start'

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 1_000_000)
  const before = process.memoryUsage()
  const startedAt = performance.now()
  const sandbox = await startSandbox({ runs })
  const startupMs = performance.now() - startedAt

  // One request of each heavy kind, so the figures include a warmed query path.
  const headers = { authorization: `Token ${sandbox.apiKey}` }
  const queryStartedAt = performance.now()
  const response = await fetch(`${sandbox.puqBaseUrl}/v1/executions?page=2000&limit=100`, {
    headers,
  })
  const body: unknown = await response.json()
  const queryMs = performance.now() - queryStartedAt
  if (!response.ok) throw new Error(`query failed: ${response.status} ${JSON.stringify(body)}`)
  const warmTimes: number[] = []
  for (let page = 1; page <= 50; page++) {
    const warmStartedAt = performance.now()
    const warm = await fetch(`${sandbox.puqBaseUrl}/v1/executions?page=${page * 97}&limit=100`, {
      headers,
    })
    await warm.arrayBuffer()
    warmTimes.push(performance.now() - warmStartedAt)
  }
  const warmMedianMs = warmTimes.sort((a, b) => a - b)[warmTimes.length >> 1] ?? NaN

  globalThis.gc?.()
  const after = process.memoryUsage()
  await sandbox.close()

  console.log(
    [
      `sandbox start-up with ${sandbox.data.trigify.count + sandbox.data.puq.count} runs: ${startupMs.toFixed(0)} ms`,
      `first deep page (puq page 2000 x 100, cold client): ${queryMs.toFixed(1)} ms`,
      `warm pages of 100 (median of 50): ${warmMedianMs.toFixed(2)} ms`,
      `RSS ${megabytes(after.rss)} (before ${megabytes(before.rss)})`,
      `heap used ${megabytes(after.heapUsed)}, array buffers ${megabytes(after.arrayBuffers)}, external ${megabytes(after.external)}`,
    ].join('\n'),
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
