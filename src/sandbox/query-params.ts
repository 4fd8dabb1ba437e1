/**
 * Strict reading of vendor query parameters. The real APIs reject `page=0`, `limit=101` and
 * `page_size=abc` with a 400, so the sandbox does too, or Runboard's own validation would
 * never be exercised against a realistic refusal.
 */

export type ParamFailure = { ok: false; message: string; received: string }
export type ParamResult<T> = { ok: true; value: T } | ParamFailure

function single(params: URLSearchParams, name: string): string | null | { repeated: string } {
  const values = params.getAll(name)
  if (values.length > 1) return { repeated: values.join(',') }
  return values[0] ?? null
}

/** An integer parameter in [min, max], or the default when absent. */
export function integerParam(
  params: URLSearchParams,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): ParamResult<number> {
  const raw = single(params, name)
  if (raw === null) return { ok: true, value: bounds.fallback }
  const describe =
    bounds.max === Number.MAX_SAFE_INTEGER
      ? `${name} must be an integer >= ${bounds.min}`
      : `${name} must be an integer between ${bounds.min} and ${bounds.max}`
  if (typeof raw !== 'string')
    return { ok: false, message: `${name} must be given once`, received: raw.repeated }
  if (!/^\d{1,15}$/.test(raw)) return { ok: false, message: describe, received: raw }
  const value = Number(raw)
  if (value < bounds.min || value > bounds.max)
    return { ok: false, message: describe, received: raw }
  return { ok: true, value }
}

/** One of a fixed set of values, or null when absent. */
export function enumParam<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): ParamResult<T | null> {
  const raw = single(params, name)
  if (raw === null) return { ok: true, value: null }
  if (typeof raw !== 'string')
    return { ok: false, message: `${name} must be given once`, received: raw.repeated }
  const value = allowed.find((candidate) => candidate === raw)
  if (value === undefined) {
    return { ok: false, message: `${name} must be one of ${allowed.join(', ')}`, received: raw }
  }
  return { ok: true, value }
}

/** A free-text parameter given at most once, or null when absent. */
export function stringParam(params: URLSearchParams, name: string): ParamResult<string | null> {
  const raw = single(params, name)
  if (raw === null || typeof raw === 'string') return { ok: true, value: raw }
  return { ok: false, message: `${name} must be given once`, received: raw.repeated }
}
