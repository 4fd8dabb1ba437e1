/**
 * Turns a zod failure on vendor JSON into a one-line message that names the fields, so an
 * UPSTREAM_BAD_DATA error says "data.executions[2].started_at: expected string" instead of a
 * generic "invalid". Values are left out on purpose: they may be huge or contain markup.
 */
import type { z } from 'zod'

export function describeIssues(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const path = formatPath(issue.path)
    return `${path === '' ? '(body)' : path}: ${issue.message}`
  })
  const more = error.issues.length - limit
  return parts.join('; ') + (more > 0 ? ` (and ${more} more)` : '')
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`
    else text += text === '' ? String(part) : `.${String(part)}`
  }
  return text
}
