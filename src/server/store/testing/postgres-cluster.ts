/**
 * A throwaway PostgreSQL cluster for the store's tests and bench: initdb in a temp directory,
 * started on a free 127.0.0.1 port with its socket in that directory too, stopped and removed
 * after. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export type PostgresCluster = { url: string; dir: string; stop(): Promise<void> }

const installHint =
  'PostgreSQL is needed for the store tests: install it with `apt-get install -y postgresql` (Debian), or set POSTGRES_BIN to the directory holding initdb and pg_ctl.'

export function findPostgresBin(): string {
  const candidates: string[] = []
  if (process.env.POSTGRES_BIN !== undefined) candidates.push(process.env.POSTGRES_BIN)
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a))
    candidates.push(...versions.map((version) => path.join(debian, version, 'bin')))
  }
  const bin = candidates.find(
    (dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')),
  )
  if (bin === undefined)
    throw new Error(`No PostgreSQL binaries (initdb, pg_ctl) found. ${installHint}`)
  return bin
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
  return { uid, gid }
}

export async function startPostgresCluster(
  options: { durable?: boolean } = {},
): Promise<PostgresCluster> {
  const bin = findPostgresBin()
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(path.join(tmpdir(), 'runboard-pg-'))
  if (asRoot) {
    const { uid, gid } = postgresIds()
    chownSync(dir, uid, gid)
  }
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, program)
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args
    const result = spawnSync(command, argv, { encoding: 'utf8' })
    if (result.status !== 0) {
      throw new Error(
        `${program} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`.trim(),
      )
    }
  }
  const data = path.join(dir, 'data')
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ])
    const port = await freePort()
    // Tests need no durability; the bench keeps the default fsync behaviour unless asked.
    const speed =
      options.durable === true
        ? ''
        : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${speed}`,
      'start',
    ])
    let stopped = false
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      dir,
      stop: () => {
        if (stopped) return Promise.resolve()
        stopped = true
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
        return Promise.resolve()
      },
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
