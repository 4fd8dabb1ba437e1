/**
 * What every vendor adapter offers the routes. An adapter owns its vendor's zod schemas, its
 * mapping to the normalized model and its paging rules; the routes know nothing else, so a
 * third vendor is one more file implementing this interface.
 */
import type { RunsQuery } from '../../shared/api-params'
import type { RunDetail, RunPage, Source, Workflow } from '../../shared/model'
import type { UpstreamHealth } from '../upstream/client'

export interface SourceAdapter {
  readonly info: Source
  listWorkflows(): Promise<Workflow[]>
  listRuns(query: RunsQuery): Promise<RunPage>
  getRun(id: string, options: { workflow?: string }): Promise<RunDetail>
  health(): UpstreamHealth
}
