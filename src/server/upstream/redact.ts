/**
 * Keeps a secret out of text we show: vendors and the proxies before them echo a key back in
 * error bodies, and not always as sent. Besides the key as is, this finds it percent-encoded
 * (either hex case, any subset of characters escaped, `+` for a space), in hex (either case)
 * and in base64 or base64url, also when it sits inside a longer encoded value (a Basic
 * credential `user:key`) at any byte alignment. Messages reach the browser and /api/health,
 * so every one of those spellings would be the key handed out.
 */

export const redactedMark = '[redacted]'

/** Encoded spellings shorter than this are left alone: they would match ordinary words. */
const minEncodedLength = 8

export type Redactor = (text: string) => string

export function createRedactor(secret: string): Redactor {
  if (secret === '') return (text) => text
  const pattern = new RegExp(secretPatterns(secret).join('|'), 'g')
  return (text) => text.replace(pattern, redactedMark)
}

/** Regex sources; base64 longest first, so that a padded form wins over its core. */
function secretPatterns(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const long = (form: string) => form.length >= minEncodedLength
  const hex = [bytes.toString('hex')].filter(long).map(anyHexCase)
  const base64 = [...new Set(base64Forms(bytes))].filter(long).sort((a, b) => b.length - a.length)
  return [...hex, ...base64.map(escapeRegex), percentEncodedOrPlain(secret)]
}

/**
 * Base64 and base64url of the secret alone (padded and not), then, for each of the three
 * alignments it can have inside a longer value, the run of characters that only its own
 * bytes decide (the characters at either end also carry bits of the neighbours).
 */
function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = []
  const whole = bytes.toString('base64')
  forms.push(whole, whole.replace(/=+$/, ''))
  for (let offset = 0; offset < 3; offset += 1) {
    const text = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    const first = Math.ceil((8 * offset) / 6)
    const end = Math.floor((8 * (offset + bytes.length)) / 6)
    forms.push(text.slice(first, end))
  }
  return forms.flatMap((form) => [form, form.replace(/\+/g, '-').replace(/\//g, '_')])
}

/** Hex digits in either case: `[aA]` rather than the `i` flag, which would loosen base64. */
function anyHexCase(hex: string): string {
  return hex.replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`)
}

/** Each character as itself or as its `%XX` escapes, so partial and full encodings match. */
function percentEncodedOrPlain(secret: string): string {
  let pattern = ''
  for (const character of secret) {
    const escapes = [...Buffer.from(character, 'utf8')]
      .map((byte) => `%${anyHexCase(byte.toString(16).padStart(2, '0'))}`)
      .join('')
    const plain = character === ' ' ? '(?: |\\+)' : escapeRegex(character)
    pattern += `(?:${plain}|${escapes})`
  }
  return pattern
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/**
 * A URL as it may be shown in a message: its userinfo, query and fragment replaced, since
 * they are where credentials and keys ride. Works on text that is not a valid URL too (a
 * rejected setting is shown exactly because it did not parse).
 */
export function redactUrlSecrets(text: string): string {
  if (!text.includes('://')) return text
  return text
    .replace(/(:\/\/)[^/?#\s]*@/g, `$1${redactedMark}@`)
    .replace(/\?[^#\s]*/g, `?${redactedMark}`)
    .replace(/#\S*/g, `#${redactedMark}`)
}
