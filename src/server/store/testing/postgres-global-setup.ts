/**
 * Vitest global setup of the `store` project: one throwaway PostgreSQL cluster for every store
 * test file (each file makes a database of its own in it). Missing PostgreSQL fails the run
 * loudly with the command that installs it: the contract must be checked on both engines.
 */
import type { TestProject } from 'vitest/node'
import { startPostgresCluster } from './postgres-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster()
  project.provide('postgresUrl', cluster.url)
  return () => cluster.stop()
}
