/**
 * The Failures view's URL: `/failures?source=demo-puq&window=7d&workflow=wf-1`. Like the runs
 * page's, every value is validated and an invalid one falls back to its default; the route
 * rewrites the URL (replace) to what is shown. `window` always appears: it is what the view
 * is about ("the last 7 days"), so a pasted link says it.
 */
import * as z from 'zod/mini'
import { idSchema } from '../../../shared/model'
import type { TimeZoneMode } from '../../lib/format'
import { outcomeWindows } from '../../lib/outcome-windows'
import { stringifySearch } from '../../lib/search-serializer'

const optionalId = z.catch(z.optional(idSchema), undefined)

export const failuresSearchSchema = z.object({
  source: optionalId,
  /** One workflow's groups, with its steps table. */
  workflow: optionalId,
  window: z.catch(z.enum(outcomeWindows), '7d'),
  tz: z.catch(z.enum(['local', 'utc']), 'local' satisfies TimeZoneMode),
})

export type FailuresSearch = z.infer<typeof failuresSearchSchema>

export function parseFailuresSearch(raw: unknown): FailuresSearch {
  return failuresSearchSchema.parse(raw ?? {})
}

export function failuresHref(search: FailuresSearch): string {
  return `/failures${stringifySearch({ ...search, tz: search.tz === 'local' ? undefined : search.tz })}`
}
