/**
 * What the sync needs of a vendor: its workflows, a newest-first page of one stream, and (puq)
 * one run's step detail. An adapter keeps the vendor's contract (schemas, mappers, paging) and
 * offers it through this; everything else (what to read next, storing, answering) is the
 * vendor-blind sync and store.
 */
import type { Run, Source, Step, Workflow } from '../../shared/model'
import type { UpstreamClient } from '../upstream/client'

/** A stream is one newest-first listing: a Trigify workflow, or all of puq. */
export type StreamPage = {
  runs: Run[]
  /** The stream's run count as the vendor reports it with this page. */
  total: number | undefined
}

export interface SourceFeed {
  readonly info: Source
  readonly client: UpstreamClient
  /** Runs per vendor page the sync asks for (the vendors' maximum, 100). */
  readonly pageSize: number
  /**
   * Requests of each rate-limit window the sync leaves unspent, for what a person asks
   * (a run opened by id that the store does not hold yet).
   */
  readonly rateReserve: number
  readWorkflows(): Promise<Workflow[]>
  /** The streams that together hold every run, given the workflows. */
  streams(workflows: readonly Workflow[]): string[]
  /** The workflow a stream belongs to, when it is one workflow's. */
  workflowOf(stream: string): string | undefined
  readPage(stream: string, page: number, names: ReadonlyMap<string, string>): Promise<StreamPage>
  /** One run with its steps; absent where the vendor has no run endpoint (Trigify). */
  readDetail?: (
    id: string,
    names: ReadonlyMap<string, string>,
  ) => Promise<{ run: Run; steps: Step[] }>
}
