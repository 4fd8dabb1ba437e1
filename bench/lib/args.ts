/** `npm run bench -- [--quick] [--only=bundle,first-row]` */

export type BenchArgs = { quick: boolean; only: string[] | undefined; help: boolean }

export function parseArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, only: undefined, help: false }
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? ''
    if (arg === '--quick') args.quick = true
    else if (arg === '--help' || arg === '-h') args.help = true
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? (argv[++index] ?? '') : arg.slice('--only='.length)
      const names = value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '')
      const unknown = names.filter((name) => !known.includes(name))
      if (unknown.length > 0 || names.length === 0) {
        throw new Error(`--only takes a comma-separated list of: ${known.join(', ')}`)
      }
      args.only = names
    } else {
      throw new Error(`unknown argument ${arg}`)
    }
  }
  return args
}

export function usage(known: readonly string[]): string {
  return [
    'usage: npm run bench -- [--quick] [--only=<part>[,<part>...]]',
    `parts: ${known.join(', ')}`,
    '  --quick  fewer loads and shorter load runs, to exercise the bench fast',
  ].join('\n')
}
