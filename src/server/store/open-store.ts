/**
 * Which store a Runboard uses: PostgreSQL when a database URL is configured (replicas share
 * it), else the embedded SQLite file in the data directory.
 */
import { openPostgresStore } from './postgres-store'
import { openSqliteStore } from './sqlite-store'
import type { UpgradeNotice } from './schema/migrations'
import type { RunStore } from './types'

export function openStore(options: {
  dataDir: string
  databaseUrl?: string | undefined
  onUpgrade?: UpgradeNotice | undefined
}): Promise<RunStore> {
  const { onUpgrade } = options
  return options.databaseUrl !== undefined && options.databaseUrl !== ''
    ? openPostgresStore({ url: options.databaseUrl, onUpgrade })
    : openSqliteStore({ dataDir: options.dataDir, onUpgrade })
}
