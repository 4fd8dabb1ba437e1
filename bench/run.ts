/**
 * `npm run bench`: measures Runboard against its budgets and prints one verdict line per
 * budget and a final table; writes every figure to bench/results/<timestamp>.json and
 * bench/results/latest.json. Each part is a file of its own and runs in sequence, bounded in
 * time; a part that fails is reported and the others still run. Budgets never fail the run:
 * the exit code is 0 unless the arguments are wrong.
 *   npm run bench                         all parts
 *   npm run bench -- --quick              fewer loads, shorter durations
 *   npm run bench -- --only=bundle,first-row
 */
import { execFileSync } from 'node:child_process'
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import { bundlePart } from './bundle'
import { firstRowPart } from './first-row'
import { freshnessPart } from './freshness'
import { parseArgs, usage } from './lib/args'
import { errorMessage, runAllCleanups, sleep, withTimeout } from './lib/bounded'
import { ensureBuild, type BuildInfo } from './lib/build'
import type { Part, PartContext } from './lib/part'
import { formatTable, verdictLine, writeResults, type PartRow } from './lib/report'
import { cpuBusyShare } from './lib/machine'
import { demoEnv } from './lib/env'
import { startServerChild, useSrcRoot } from './lib/spawn-server'
import { snapshotSrc, type SrcSnapshot } from './lib/src-snapshot'
import { resiliencePart } from './resilience'
import { scalePart } from './scale'
import { serverOverheadPart } from './server-overhead'
import { syncEconomyPart } from './sync-economy'
import { upstreamEconomyPart } from './upstream-economy'

const parts: readonly Part[] = [
  bundlePart,
  firstRowPart,
  serverOverheadPart,
  scalePart,
  upstreamEconomyPart,
  syncEconomyPart,
  freshnessPart,
  resiliencePart,
]
const names = parts.map((part) => part.name)

function chromiumVersion(): string | undefined {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      // Debian's launcher script prints a harmless shell warning on stderr.
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return undefined
  }
}

let removeSnapshot: (() => Promise<void>) | undefined

/**
 * A snapshot of src/ that a server starts from: one caught while a file was saved half-way
 * fails to start, so it is taken again (a few times, 15 s apart) before the parts run.
 */
async function workingSnapshot(): Promise<SrcSnapshot> {
  let lastError: unknown
  for (let attempt = 1; attempt <= 4; attempt++) {
    const snapshot = await snapshotSrc()
    removeSnapshot = snapshot.remove
    useSrcRoot(snapshot.srcRoot)
    try {
      const probe = await startServerChild({ label: 'snapshot check', env: demoEnv() })
      await probe.close()
      return snapshot
    } catch (error) {
      lastError = error
      console.log(
        `  src/ snapshot ${attempt} does not start (${errorMessage(error).split('\n').slice(0, 6).join(' ')}); retrying`,
      )
      await snapshot.remove()
      removeSnapshot = undefined
      if (attempt < 4) await sleep(15_000)
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError))
}

async function main(): Promise<void> {
  let args
  try {
    args = parseArgs(process.argv.slice(2), names)
  } catch (error) {
    console.error(`${errorMessage(error)}\n${usage(names)}`)
    process.exitCode = 2
    return
  }
  if (args.help) {
    console.log(usage(names))
    return
  }
  const selected = parts.filter((part) => args.only === undefined || args.only.includes(part.name))
  const startedAt = new Date()
  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model,
    totalMemoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    chromium: chromiumVersion(),
    /** Other work on the machine skews every figure: the load averages at start and end. */
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  }
  console.log(
    `Runboard bench${args.quick ? ' (quick)' : ''}: ${selected.map((part) => part.name).join(', ')} on ${machine.nproc} cores, node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  )

  // One version of src/ for the whole run, whatever is saved meanwhile.
  const snapshot: SrcSnapshot = await workingSnapshot()
  console.log(
    `src/ snapshot of ${snapshot.commit ?? 'an unknown commit'}${snapshot.dirtyFiles.length > 0 ? ` plus ${snapshot.dirtyFiles.length} uncommitted change(s)` : ''}`,
  )

  let build: Promise<BuildInfo> | undefined
  const context: PartContext = {
    quick: args.quick,
    log: (line) => console.log(line),
    ensureBuild: () => (build ??= ensureBuild((line) => console.log(line))),
  }

  const allRows: PartRow[] = []
  const results: Record<string, unknown> = {}
  for (const part of selected) {
    const busy = await cpuBusyShare(1_000)
    console.log(
      `\n== ${part.name}: ${part.title} (machine ${Number.isFinite(busy) ? `${Math.round(busy * 100)}%` : '?'} busy before it started)`,
    )
    const partStartedAt = performance.now()
    const limit = args.quick ? part.timeoutMs.quick : part.timeoutMs.full
    try {
      const outcome = await withTimeout(part.run(context), limit, `part ${part.name}`)
      const rows = outcome.rows.map((row) => ({ ...row, part: part.name }))
      allRows.push(...rows)
      for (const row of rows) if (row.verdict !== '') console.log(verdictLine(row))
      results[part.name] = {
        durationMs: Math.round(performance.now() - partStartedAt),
        machineBusyBefore: busy,
        rows,
        figures: outcome.figures,
      }
    } catch (error) {
      const message = errorMessage(error)
      console.log(`failed [${part.name}] ${message}`)
      allRows.push({
        part: part.name,
        figure: 'part did not complete',
        value: message.split('\n')[0]?.slice(0, 120) ?? '',
        budget: '',
        verdict: 'failed',
      })
      results[part.name] = {
        durationMs: Math.round(performance.now() - partStartedAt),
        machineBusyBefore: busy,
        error: error instanceof Error ? (error.stack ?? message) : message,
      }
    } finally {
      // Whatever the part left open (after a failure or a timeout) is closed before the next one.
      await runAllCleanups()
    }
  }

  console.log(`\n${formatTable(allRows)}`)
  const budgets = allRows.filter((row) => row.verdict === 'ok' || row.verdict === 'over')
  const over = budgets.filter((row) => row.verdict === 'over').length
  const failed = allRows.filter((row) => row.verdict === 'failed').length
  console.log(
    `\nload average at start ${machine.loadAverageAtStart.join(' ')}, at end ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  )
  console.log(
    `${budgets.length - over} of ${budgets.length} budgets ok, ${over} over${failed > 0 ? `, ${failed} part(s) failed` : ''}`,
  )
  const file = await writeResults({
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: args.quick,
    parts: selected.map((part) => part.name),
    srcSnapshot: { commit: snapshot.commit, uncommittedFiles: snapshot.dirtyFiles },
    machine: {
      ...machine,
      loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100),
    },
    build:
      build === undefined
        ? undefined
        : await build.catch((error: unknown) => ({ error: errorMessage(error) })),
    rows: allRows,
    results,
  })
  console.log(`figures written to ${file} and bench/results/latest.json`)
}

try {
  await main()
} catch (error) {
  console.error(error)
} finally {
  await runAllCleanups()
  await removeSnapshot?.()
}
// Budgets report, they do not gate; only bad arguments set a non-zero code above.
process.exit(process.exitCode ?? 0)
