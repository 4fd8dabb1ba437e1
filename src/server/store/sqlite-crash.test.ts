/**
 * kill -9 while the sync writes: every batch the writer reported is there whole, no batch is
 * there in part, nothing is doubled, and SQLite's own integrity check passes on reopen.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { openSqliteStore } from './sqlite-store'
import { runsPerBatch } from './testing/crash-batch'

const dataDir = mkdtempSync(path.join(tmpdir(), 'runboard-crash-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** Runs the writer until it has reported `batches` commits, then kills it without warning. */
function writeThenKill(batches: number): Promise<number> {
  const writer = path.join(import.meta.dirname, 'testing', 'crash-writer.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let reported = 0
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    let buffer = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      for (const match of buffer.matchAll(/wrote (\d+)\n/g))
        reported = Math.max(reported, Number(match[1]))
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1)
      if (reported >= batches && child.exitCode === null) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported)
      else reject(new Error(`writer exited by itself (${code}): ${stderr}`))
    })
  })
}

it('keeps every reported batch whole and no partial one after kill -9', async () => {
  const reported = await writeThenKill(40)
  expect(reported).toBeGreaterThanOrEqual(40)

  const db = new Database(path.join(dataDir, 'runboard.db'))
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  db.close()

  const store = await openSqliteStore({ dataDir })
  try {
    const perBatch = new Map<number, number>()
    const seen = new Set<string>()
    for await (const chunk of store.iterateRuns({ sources: ['crash'] }, 1000)) {
      for (const run of chunk) {
        expect(seen.has(run.id)).toBe(false)
        seen.add(run.id)
        const batch = Number(/^b(\d+)-/.exec(run.id)?.[1])
        perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1)
      }
    }
    const stored = [...perBatch.keys()].sort((a, b) => a - b)
    const newest = stored[stored.length - 1] ?? 0
    // The batch in flight may have committed before the kill, never in part.
    expect(newest === reported || newest === reported + 1).toBe(true)
    expect(stored).toEqual(Array.from({ length: newest }, (_, i) => i + 1))
    for (const count of perBatch.values()) expect(count).toBe(runsPerBatch)
    expect((await store.summary('crash')).runs).toBe(newest * runsPerBatch)
    expect((await store.cursors('crash')).get('main')).toEqual({ batch: newest })
    expect(await store.syncState('crash')).toEqual({ batch: newest })
  } finally {
    await store.close()
  }
})
