/**
 * The roots every feature's query key factory builds on, so the relations between resources are
 * written once. All that one source answers (its run pages, workflows, chart, run details and
 * failure inbox) sits under `source(id)`: invalidating it refreshes that source everywhere on
 * the page. The sources list sits apart: it changes with the server's configuration and its
 * sync progress, not with a source's runs.
 */
export const queryRoots = {
  sources: () => ['sources'] as const,
  runs: () => ['runs'] as const,
  source: (source: string) => [...queryRoots.runs(), source] as const,
}
