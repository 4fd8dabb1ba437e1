/**
 * Parses route parameters with the shared zod schemas and turns a failure into a 400 that
 * names the parameter and says why in plain words ("pageSize: must be at most 100"), which
 * is what the SPA shows and what a person reading a URL needs.
 */
import { safeParse, type $ZodIssue, type $ZodType, type output } from 'zod/v4/core'
import { runStatuses } from '../shared/run-status'
import { ApiError } from './errors'

export function parseParams<S extends $ZodType>(
  schema: S,
  input: unknown,
  allowed: readonly string[],
): output<S> {
  if (typeof input === 'object' && input !== null) {
    for (const [name, value] of Object.entries(input)) {
      if (!allowed.includes(name)) {
        throw new ApiError('BAD_REQUEST', `${name}: is not a parameter of this route`)
      }
      if (Array.isArray(value)) throw new ApiError('BAD_REQUEST', `${name}: must be given once`)
    }
  }
  const result = safeParse(schema, input)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const name = String(issue?.path[0] ?? 'parameters')
  throw new ApiError(
    'BAD_REQUEST',
    `${name}: ${issue === undefined ? 'is invalid' : reason(issue, name)}`,
  )
}

function reason(issue: $ZodIssue, name: string): string {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${String(issue.maximum)} characters`
        : `must be at most ${String(issue.maximum)}`
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty'
      return issue.origin === 'array'
        ? `must name at least ${String(issue.minimum)} value`
        : `must be at least ${String(issue.minimum)}`
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int'
        ? 'must be a whole number'
        : `must be a ${issue.expected}`
    case 'invalid_value':
      return name === 'status'
        ? `must be one or more of ${runStatuses.join(', ')}, separated by commas`
        : `must be one of ${issue.values.map(String).join(', ')}`
    default:
      return issue.message
  }
}
