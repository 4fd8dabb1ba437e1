/**
 * The workflow list of one source, cached for a minute: runs carry only a workflow id, and
 * the table wants names. Loading is coalesced, and name lookups are best-effort: a run page
 * must not fail because the name list could not be read (the page's own call reports errors).
 */
import type { Workflow } from '../../shared/model'

export class WorkflowDirectory {
  private cached: { workflows: Workflow[]; expiresAt: number } | undefined
  private loading: Promise<Workflow[]> | undefined

  constructor(
    private readonly load: () => Promise<Workflow[]>,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Promise<Workflow[]> {
    if (this.cached !== undefined && this.cached.expiresAt > this.now()) {
      return Promise.resolve(this.cached.workflows)
    }
    this.loading ??= this.load().then(
      (workflows) => {
        this.cached = { workflows, expiresAt: this.now() + this.ttlMs }
        this.loading = undefined
        return workflows
      },
      (error: unknown) => {
        this.loading = undefined
        throw error
      },
    )
    return this.loading
  }

  async names(): Promise<ReadonlyMap<string, string>> {
    try {
      const workflows = await this.list()
      return new Map(workflows.map((workflow) => [workflow.id, workflow.name]))
    } catch {
      return new Map()
    }
  }
}

/** The page size of upstream pages read for a merge that must produce `needed` runs. */
export function chunkSizeFor(needed: number): number {
  if (needed <= 20) return 20
  if (needed <= 50) return 50
  return 100
}
