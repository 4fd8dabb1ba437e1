/**
 * What every vendor adapter offers the routes. An adapter owns its vendor's zod schemas, its
 * mapping to the normalized model and its paging rules; the routes know nothing else, so a
 * third vendor is one more file implementing this interface.
 */
import type { RunsQuery } from '../../shared/api-params'
import type { RunStatus } from '../../shared/run-status'
import type { WindowSource } from '../stats/window-scan'
import type { RunDetail, RunPage, Source, Workflow } from '../../shared/model'
import type { UpstreamHealth } from '../upstream/client'

export interface SourceAdapter {
  readonly info: Source
  listWorkflows(): Promise<Workflow[]>
  listRuns(query: RunsQuery): Promise<RunPage>
  getRun(id: string, options: { workflow?: string }): Promise<RunDetail>
  /** The streams that hold every run of this scope, for answers over a time window. */
  windowSource(scope: WindowScope): Promise<WindowSource>
  health(): UpstreamHealth
}

export type WindowScope = {
  workflow?: string | undefined
  status?: readonly RunStatus[] | undefined
}
