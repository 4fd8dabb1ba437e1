/**
 * How search params look in the address bar: plain `key=value`, lists joined by commas, keys
 * sorted, empty values left out. A JSON encoding would quote ids that look like numbers and
 * escape lists; these URLs are meant to be read, edited and pasted.
 */
export function parseSearch(searchStr: string): Record<string, string> {
  const params = new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr)
  const result: Record<string, string> = {}
  for (const [key, value] of params) result[key] = value
  return result
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const key of Object.keys(search).sort()) {
    const value = search[key]
    if (Array.isArray(value)) {
      const items = value.filter((item): item is string | number => isScalar(item)).map(String)
      if (items.length > 0) params.set(key, items.join(','))
    } else if (isScalar(value) && value !== '') {
      params.set(key, String(value))
    }
  }
  const query = params.toString().replaceAll('%2C', ',')
  return query ? `?${query}` : ''
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}
