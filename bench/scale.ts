/**
 * Scale: a 1,000,000-run history (half Trigify, half puq, in a sandbox process of its own)
 * read into the run index by the real sync over HTTP, then:
 *  - pages through the API (first, middle and last; unfiltered, status=failed, one workflow)
 *    and the 30-day stats answer, p50 end to end over HTTP;
 *  - the server process's memory (VmHWM: the peak over backfill and reads; the sandbox is
 *    another process, so it is not in this figure);
 *  - a restart after kill -9 on the same store: the time from listening to the first complete
 *    answer (HTTP 200, no `coverage` caveat, the whole stored total) for each source.
 * Budgets from the run index issue: pages < 5 ms, 30-day stats < 50 ms, memory < 150 MB,
 * restart < 2 s. (bench/store-scale.ts measures the store alone, both engines.)
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { sleep } from './lib/bounded'
import { frozenNow, sandboxApiKey } from './lib/env'
import { getJson, timedGet } from './lib/http'
import type { Part } from './lib/part'
import { budgetRow, infoRow, type Row } from './lib/report'
import { readSandboxStats } from './lib/sandbox-control'
import { startServerProcess, type ServerProcess } from './lib/production-server'
import { startServerChild } from './lib/spawn-server'
import { fmtInt, fmtMb, fmtMs, median, round } from './lib/stats'

const sourceIds = ['trigify', 'puq'] as const
const pageSize = 20
const samples = 15

const sourcesSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), sync: z.object({ state: z.string(), runsStored: z.number() }) }),
  ),
})
const pageSchema = z.object({
  total: z.number(),
  items: z.array(z.object({ id: z.string() })),
  coverage: z.unknown().optional(),
})
const workflowsSchema = z.object({ items: z.array(z.object({ id: z.string() })) })

async function syncs(server: ServerProcess) {
  const body = sourcesSchema.parse(await getJson(`${server.url}/api/sources`))
  return new Map(body.items.map((item) => [item.id, item.sync]))
}

async function timedOk(url: string): Promise<number> {
  const response = await timedGet(url)
  if (response.status !== 200) {
    throw new Error(`GET ${url} answered HTTP ${response.status}: ${response.text.slice(0, 200)}`)
  }
  return response.ms
}

async function p50(url: string): Promise<number> {
  await timedOk(url)
  const times: number[] = []
  for (let index = 0; index < samples; index += 1) times.push(await timedOk(url))
  return median(times)
}

/** The first answer of each source after a restart that is whole: no caveat, every run. */
async function firstCompleteAnswerMs(server: ServerProcess, stored: Map<string, number>) {
  const startedAt = performance.now()
  const done = new Map<string, number>()
  while (done.size < sourceIds.length && performance.now() - startedAt < 60_000) {
    for (const id of sourceIds) {
      if (done.has(id)) continue
      const response = await timedGet(`${server.url}/api/sources/${id}/runs?pageSize=${pageSize}`)
      if (response.status !== 200) continue
      const page = pageSchema.parse(JSON.parse(response.text))
      if (page.coverage === undefined && page.total >= (stored.get(id) ?? 0)) {
        done.set(id, performance.now() - startedAt)
      }
    }
    if (done.size < sourceIds.length) await sleep(20)
  }
  return done
}

export const scalePart: Part = {
  name: 'scale',
  title: 'Scale: a 1,000,000-run history in the run index',
  timeoutMs: { full: 30 * 60_000, quick: 12 * 60_000 },
  async run({ quick, log }) {
    const runs = quick ? 200_000 : 1_000_000
    const sandbox = await startServerChild({
      label: 'sandbox (scale)',
      mode: 'sandbox',
      env: {
        SANDBOX_RUNS: String(runs),
        SANDBOX_NOW: frozenNow,
        SANDBOX_API_KEY: sandboxApiKey,
        SANDBOX_TRIGIFY_RATE_LIMIT: '1000000',
      },
    })
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-scale-'))
    const env = {
      HOST: '127.0.0.1',
      PORT: '0',
      RUNBOARD_DEMO: '0',
      RUNBOARD_DATA_DIR: dataDir,
      TRIGIFY_API_KEY: sandboxApiKey,
      TRIGIFY_BASE_URL: `${sandbox.url}/trigify`,
      PUQ_API_KEY: sandboxApiKey,
      PUQ_BASE_URL: `${sandbox.url}/puq`,
    }
    const rows: Row[] = []
    const figures: Record<string, unknown> = { runs }
    let server: ServerProcess | undefined
    try {
      const startedAt = Date.now()
      server = await startServerProcess({ label: 'runboard-scale', env })
      for (;;) {
        const states = await syncs(server).catch(() => undefined)
        if (states !== undefined && sourceIds.every((id) => states.get(id)?.state === 'live')) break
        await sleep(1_000)
      }
      const backfillS = (Date.now() - startedAt) / 1000
      const stored = new Map([...(await syncs(server))].map(([id, s]) => [id, s.runsStored]))
      const requests = (await readSandboxStats(sandbox.url)).requests
      const storedTotal = [...stored.values()].reduce((a, b) => a + b, 0)
      figures.backfill = { seconds: backfillS, stored: Object.fromEntries(stored), requests }
      rows.push(
        infoRow(
          'backfill over HTTP, rate limit lifted',
          `${fmtInt(storedTotal)} runs in ${round(backfillS, 0)} s (${fmtInt(storedTotal / backfillS)} runs/s; upstream requests: Trigify ${fmtInt(requests.trigify)}, puq ${fmtInt(requests.puq)})`,
        ),
      )
      log(`  backfilled ${fmtInt(storedTotal)} runs in ${round(backfillS, 0)} s`)

      const api = (path: string) => `${server?.url ?? ''}/api/sources/${path}`
      const pageFigures: Record<string, number> = {}
      for (const id of sourceIds) {
        const workflows = workflowsSchema.parse(await getJson(api(`${id}/workflows`)))
        const workflow = workflows.items[0]?.id
        const views = [
          ['all', ''],
          ['status=failed', 'status=failed&'],
          ...(workflow === undefined ? [] : [[`workflow=${workflow}`, `workflow=${workflow}&`]]),
        ]
        for (const [name, query] of views) {
          const first = pageSchema.parse(await getJson(api(`${id}/runs?${query}pageSize=1`)))
          const pages = Math.max(1, Math.ceil(first.total / pageSize))
          for (const [position, page] of [
            ['first', 1],
            ['middle', Math.ceil(pages / 2)],
            ['last', pages],
          ] as const) {
            const ms = await p50(api(`${id}/runs?${query}page=${page}&pageSize=${pageSize}`))
            const label = `${id} ${name} page ${position} (${fmtInt(page)} of ${fmtInt(pages)})`
            pageFigures[label] = round(ms, 2)
            rows.push(budgetRow(`${label}, p50 over HTTP`, ms, fmtMs(ms), '<', 5, '< 5 ms'))
          }
        }
        const to = Date.parse(frozenNow)
        const window = `from=${new Date(to - 30 * 86_400_000).toISOString()}&to=${frozenNow}`
        const statsMs = await p50(api(`${id}/stats?${window}`))
        pageFigures[`${id} 30-day stats`] = round(statsMs, 2)
        rows.push(
          budgetRow(
            `${id} 30-day stats, p50 over HTTP`,
            statsMs,
            fmtMs(statsMs),
            '<',
            50,
            '< 50 ms',
          ),
        )
      }
      figures.pages = pageFigures

      const memory = server.procMemory()
      const peak = memory?.vmHwm ?? Number.NaN
      figures.memory = memory
      rows.push(
        budgetRow(
          'server memory as `npm start` runs it, peak over backfill and reads (VmHWM; the sandbox is another process)',
          peak,
          `${fmtMb(peak)} (now ${fmtMb(memory?.vmRss ?? Number.NaN)})`,
          '<',
          150 * 1024 * 1024,
          '< 150 MB',
        ),
      )

      log('  killing the server with SIGKILL and starting it again on the same store')
      await server.close('SIGKILL')
      server = await startServerProcess({ label: 'runboard-scale-restarted', env })
      const answered = await firstCompleteAnswerMs(server, stored)
      const slowest = Math.max(
        ...sourceIds.map((id) => answered.get(id) ?? Number.POSITIVE_INFINITY),
      )
      figures.restart = {
        startupMs: server.startupMs,
        firstCompleteMs: Object.fromEntries(answered),
      }
      rows.push(
        budgetRow(
          'restart after kill -9: first complete answer of every source, after listening',
          slowest,
          `${fmtMs(slowest)} (${sourceIds.map((id) => `${id} ${fmtMs(answered.get(id) ?? Number.NaN)}`).join(', ')}; start-up to listening ${fmtMs(server.startupMs)})`,
          '<',
          2_000,
          '< 2 s',
        ),
      )
    } finally {
      await server?.close().catch(() => undefined)
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    }
    return { rows, figures }
  },
}
