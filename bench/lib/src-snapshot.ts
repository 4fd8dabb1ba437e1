/**
 * A copy of src/ taken when the bench starts, that every server child imports instead of the
 * live tree: src/ is edited while the bench runs, and one run should measure one version of
 * the code (and not stop on a file saved half-way). The copy lives in a temp directory with a
 * `node_modules` symlink and the project's package.json beside it, so imports resolve as in
 * the project; run.ts removes it at the end.
 */
import { execFileSync } from 'node:child_process'
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { projectRoot } from './build'

export type SrcSnapshot = {
  srcRoot: string
  commit: string | undefined
  dirtyFiles: string[]
  remove: () => Promise<void>
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return undefined
  }
}

export async function snapshotSrc(): Promise<SrcSnapshot> {
  const dir = await mkdtemp(join(tmpdir(), 'runboard-bench-src-'))
  await cp(join(projectRoot, 'src'), join(dir, 'src'), {
    recursive: true,
    filter: (source) => !/\.test\.tsx?$/.test(source),
  })
  await cp(join(projectRoot, 'package.json'), join(dir, 'package.json'))
  await cp(join(projectRoot, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'))
  await symlink(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const dirty = git(['status', '--porcelain', '--', 'src'])
  return {
    srcRoot: join(dir, 'src'),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirtyFiles:
      dirty === undefined || dirty === '' ? [] : dirty.split('\n').map((line) => line.slice(3)),
    // Not in the per-part cleanup registry: it must outlive every part.
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}
