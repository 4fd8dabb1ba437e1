/**
 * In the run drawer, for a failed run: how many other runs failed for the same cause, linking
 * to them, and to the workflow's steps. The route renders it inside the drawer (another
 * feature) and builds the links, since features do not import each other.
 */
import { useQuery } from '@tanstack/react-query'
import { formatCount, plural } from '../../../lib/format'
import { AppLink } from '../../../lib/navigation'
import { failureQueries } from '../api/failure-queries'

const linkClass = 'rounded font-medium text-accent-text hover:underline'

export function SameWayLine({
  source,
  fingerprint,
  groupHref,
  stepsHref,
}: {
  source: string
  /** The run's failure group; undefined while it has none (puq detail unread). */
  fingerprint: string | undefined
  groupHref: string | undefined
  /** The Failures view narrowed to the run's workflow, with its steps table. */
  stepsHref: string
}) {
  const count = useQuery({
    ...failureQueries.groupRunCount({ source, fingerprint: fingerprint ?? '' }),
    enabled: fingerprint !== undefined,
  })
  const others = count.data === undefined ? undefined : Math.max(0, count.data - 1)
  return (
    <section aria-label="Same failure" className="-mt-4 space-y-1 text-sm">
      {fingerprint !== undefined && groupHref !== undefined && (
        <p>
          {others === undefined ? (
            <span className="text-fg-muted">
              {count.isError
                ? 'Could not count the runs that failed the same way.'
                : 'Counting runs that failed the same way…'}
            </span>
          ) : others === 0 ? (
            <span className="text-fg-muted">No other run failed the same way.</span>
          ) : (
            <AppLink href={groupHref} className={linkClass}>
              {formatCount(others)} other {plural(others, 'run', 'runs')} failed the same way
            </AppLink>
          )}
        </p>
      )}
      <p>
        <AppLink href={stepsHref} className={linkClass}>
          Steps of this workflow
        </AppLink>
        <span className="text-fg-muted"> · failure rate, retries and p95 per step</span>
      </p>
    </section>
  )
}
