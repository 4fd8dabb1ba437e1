/**
 * localStorage that never throws: private modes, full quotas and hand-edited values fall back
 * to the default instead of breaking the page.
 */
import type * as z from 'zod/mini'

export function readStored<Schema extends z.ZodMiniType>(
  key: string,
  schema: Schema,
  fallback: z.output<Schema>,
): z.output<Schema> {
  try {
    const raw = window.localStorage.getItem(key)
    if (raw === null) return fallback
    const parsed = schema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : fallback
  } catch {
    return fallback
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Not remembering a preference is fine; failing the interaction is not.
  }
}
