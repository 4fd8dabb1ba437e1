/**
 * Sync economy: how close the run index's backfill of a 10,000-run Trigify history comes to
 * what the rate limit allows (requests needed ÷ 100 a minute), with a kill -9 half-way and a
 * restart on the same store included; and what the sync spends at rest (nothing new, frozen
 * clock), counted by the sandbox itself. The vendor's limit is the real one: 100 per 60 s.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { sleep } from './lib/bounded'
import { frozenNow, sandboxApiKey } from './lib/env'
import type { Part } from './lib/part'
import { budgetRow, infoRow, type Row } from './lib/report'
import { readSandboxStats } from './lib/sandbox-control'
import { startServerChild, type ServerChild } from './lib/spawn-server'
import { fmtInt, round } from './lib/stats'

const runs = 20_000 // split evenly: 10,000 Trigify runs
const limitPerMinute = 100

const sourcesSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      sync: z.object({
        state: z.string(),
        runsStored: z.number(),
        vendorTotal: z.number().optional(),
      }),
    }),
  ),
})

async function syncOf(server: ServerChild) {
  const response = await fetch(`${server.url}/api/sources`, { signal: AbortSignal.timeout(5_000) })
  const body = sourcesSchema.parse(await response.json())
  const source = body.items.find((item) => item.id === 'trigify')
  if (source === undefined) throw new Error('no trigify source')
  return source.sync
}

async function until(
  server: ServerChild,
  done: (sync: Awaited<ReturnType<typeof syncOf>>) => boolean,
) {
  for (;;) {
    const sync = await syncOf(server).catch(() => undefined)
    if (sync !== undefined && done(sync)) return sync
    await sleep(500)
  }
}

export const syncEconomyPart: Part = {
  name: 'sync-economy',
  title: 'Run index sync: backfill against the rate-limit floor, requests at rest',
  timeoutMs: { full: 16 * 60_000, quick: 8 * 60_000 },
  async run({ quick, log }) {
    const sandbox = await startServerChild({
      label: 'sandbox',
      mode: 'sandbox',
      env: { SANDBOX_RUNS: String(runs), SANDBOX_NOW: frozenNow, SANDBOX_API_KEY: sandboxApiKey },
    })
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-sync-'))
    const env = {
      HOST: '127.0.0.1',
      PORT: '0',
      RUNBOARD_DEMO: '0',
      RUNBOARD_DATA_DIR: dataDir,
      RUNBOARD_BENCH_NO_WAIT: '1',
      TRIGIFY_API_KEY: sandboxApiKey,
      TRIGIFY_BASE_URL: `${sandbox.url}/trigify`,
    }
    const rows: Row[] = []
    const figures: Record<string, unknown> = {}
    try {
      const startedAt = Date.now()
      let server = await startServerChild({ label: 'runboard', env })
      const first = await until(
        server,
        (sync) => (sync.vendorTotal ?? 0) > 0 && sync.runsStored >= (sync.vendorTotal ?? 0) / 2,
      )
      log(`  killing the server with SIGKILL at ${fmtInt(first.runsStored)} runs stored`)
      process.kill(server.pid, 'SIGKILL')
      await server.close().catch(() => undefined)
      server = await startServerChild({ label: 'runboard-restarted', env })
      const afterRestart = await syncOf(server)
      const live = await until(server, (sync) => sync.state === 'live')
      const elapsedMin = (Date.now() - startedAt) / 60_000
      const spent = (await readSandboxStats(sandbox.url)).requests.trigify
      const total = live.vendorTotal ?? live.runsStored
      // Requests no sync can do without: the workflow list and every workflow's pages of 100.
      const workflowsBody = z
        .object({ items: z.array(z.object({ id: z.string() })) })
        .parse(await (await fetch(`${server.url}/api/sources/trigify/workflows`)).json())
      const workflows = workflowsBody.items.length
      let needed = 1
      for (const { id } of workflowsBody.items) {
        const page = z
          .object({ total: z.number() })
          .parse(
            await (
              await fetch(`${server.url}/api/sources/trigify/runs?workflow=${id}&pageSize=1`)
            ).json(),
          )
        needed += Math.max(1, Math.ceil(page.total / 100))
      }
      const floorMin = needed / limitPerMinute
      const ratio = elapsedMin / floorMin
      Object.assign(figures, { elapsedMin, floorMin, needed, spent, total, workflows })
      rows.push(
        budgetRow(
          'backfill of a 10,000-run Trigify history at 100 requests a minute, kill -9 and restart included: time / rate-limit floor',
          ratio,
          `${round(ratio, 2)}x (${round(elapsedMin, 2)} min for ${fmtInt(total)} runs; floor ${round(floorMin, 2)} min = ${fmtInt(needed)} requests needed; ${fmtInt(spent)} spent)`,
          '<=',
          1.15,
          '≤ 1.15x',
        ),
        infoRow(
          'runs served at once after the restart (stored before the kill)',
          `${fmtInt(afterRestart.runsStored)} of ${fmtInt(total)}; stored at the end ${fmtInt(live.runsStored)} (no duplicates: ${live.runsStored === total ? 'yes' : 'NO'})`,
        ),
      )

      // The longest poll interval is 5 minutes: a shorter window would miss the dormant ones.
      const restMs = quick ? 120_000 : 600_000
      const before = (await readSandboxStats(sandbox.url)).requests.trigify
      await sleep(restMs)
      const atRest =
        ((await readSandboxStats(sandbox.url)).requests.trigify - before) / (restMs / 60_000)
      figures.atRestPerMinute = atRest
      rows.push(
        budgetRow(
          `Trigify requests a minute at rest (${workflows} workflows, nothing new)`,
          atRest,
          `${round(atRest, 1)}`,
          '<=',
          20,
          '≤ 20',
        ),
      )
      await server.close()
    } finally {
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    }
    return { rows, figures }
  },
}
