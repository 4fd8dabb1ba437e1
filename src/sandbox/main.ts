/**
 * `npm run sandbox`: the sandbox as a standalone process, for running Runboard against it by
 * hand or from another process. Listens on PORT (or a free port) with SANDBOX_* options.
 */
import { sandboxOptionsFromEnv, startSandbox } from './start'

async function main(): Promise<void> {
  const portText = process.env.PORT?.trim()
  if (portText && !/^\d{1,5}$/.test(portText))
    throw new Error(`PORT must be a port number, got ${portText}`)
  const port = portText ? Number(portText) : 0
  if (port > 65535) throw new Error(`PORT must be at most 65535, got ${port}`)

  const startedAt = performance.now()
  const sandbox = await startSandbox({ ...sandboxOptionsFromEnv(process.env), port })
  const { data } = sandbox
  const lines = [
    `sandbox ready in ${Math.round(performance.now() - startedAt)} ms: ${sandbox.url}`,
    `  Trigify base URL: ${sandbox.trigifyBaseUrl}   (header x-api-key: ${sandbox.apiKey})`,
    `  puq base URL:     ${sandbox.puqBaseUrl}   (header Authorization: Token ${sandbox.apiKey})`,
    `  history: ${data.trigify.count} Trigify + ${data.puq.count} puq runs, seed ${data.seed}, ` +
      `clock ${process.env.SANDBOX_NOW ? `frozen at ${sandbox.now().toISOString()}` : 'live'}`,
  ]
  console.log(lines.join('\n'))

  let isStopping = false
  const stop = (signal: string): void => {
    if (isStopping) return
    isStopping = true
    console.log(`sandbox: ${signal}, closing`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('sandbox: close failed', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
