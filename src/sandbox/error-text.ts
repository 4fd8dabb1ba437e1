/**
 * Error texts with variable parts. Real errors of one cause differ in every occurrence (the
 * profile, the request id, the retry-after, the row), and the failure inbox exists to see
 * through that, so the catalog's messages are templates filled per run. The fill is drawn
 * from the run's own seeded stream: the same seed and row always give the same text, and no
 * text is stored for a million runs.
 */
import type { VendorHistory } from './history'
import { noError } from './history'
import { createRng, mixSeed, randomSlug } from './rng'
import type { Rng } from './rng'

const firstNames = ['maria', 'james', 'priya', 'chen', 'fatima', 'lukas', 'amara', 'diego']
const lastNames = ['lopez', 'smith', 'patel', 'wang', 'haddad', 'muller', 'okafor', 'silva']
const domains = ['acme.io', 'globex.com', 'initech.net', 'umbrella.co', 'hooli.dev', 'vandelay.com']
const hexDigits = '0123456789abcdef'
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

function draw(rng: Rng, alphabet: string, length: number): string {
  let text = ''
  for (let index = 0; index < length; index++)
    text += alphabet.charAt(rng.int(0, alphabet.length - 1))
  return text
}

/** Real ids almost always mix digits and letters; forcing both keeps every draw id-shaped. */
function idToken(rng: Rng, alphabet: string, length: number): string {
  const chars = Array.from(draw(rng, alphabet, length))
  chars[1] = String(rng.int(0, 9))
  chars[length - 2] = String(rng.int(0, 9))
  chars[length - 1] = draw(rng, 'abcdef', 1)
  return chars.join('')
}

function uuid(rng: Rng): string {
  const hex = draw(rng, hexDigits, 32)
  const variant = draw(rng, '89ab', 1)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`
}

function person(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(firstNames), last: rng.pick(lastNames) }
}

function intIn(range: string | undefined, rng: Rng): string {
  const [min, max] = (range ?? '').split('-').map(Number)
  return String(rng.int(min ?? 0, max ?? 999_999))
}

type Fill = (rng: Rng, argument: string | undefined) => string

/** The placeholders a template may use: `{name}` or `{name:argument}`. */
const fills: Readonly<Record<string, Fill>> = {
  handle: (rng) => {
    const { first, last } = person(rng)
    return `@${first}-${last}${rng.chance(0.5) ? String(rng.int(1, 99)) : ''}`
  },
  profile: (rng) => {
    const { first, last } = person(rng)
    return `https://www.linkedin.com/in/${first}-${last}-${idToken(rng, hexDigits, 8)}`
  },
  email: (rng) => {
    const { first, last } = person(rng)
    return `${first}.${last}@${rng.pick(domains)}`
  },
  domain: (rng) => rng.pick(domains),
  requestId: (rng) => `req_${idToken(rng, hexDigits, 16)}`,
  uuid,
  hex: (rng) => idToken(rng, hexDigits, 12),
  stripeId: (rng) => idToken(rng, base62, 24),
  salesforceId: (rng) => `00D${draw(rng, base62, 12)}`,
  slackId: (rng) =>
    `C0${String(rng.int(1, 9))}${draw(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 8)}`,
  slug: (rng) => randomSlug(rng, 6),
  ms: (rng) => String(rng.int(40, 9500)),
  seconds: (rng) => String(rng.int(1, 120)),
  tenths: (rng) => (rng.int(2, 99) / 10).toFixed(1),
  row: (rng) => String(rng.int(1, 5000)),
  int: (rng, range) => intIn(range, rng),
  one: (rng, choices) => rng.pick((choices ?? '').split('|')),
}

const placeholder = /\{([a-zA-Z]+)(?::([^{}]*))?\}/g

/** Names a template uses that no fill knows: a typo would otherwise ship as literal braces. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(placeholder)]
    .map((match) => match[1] ?? '')
    .filter((name) => !Object.hasOwn(fills, name))
}

export function renderErrorTemplate(template: string, rng: Rng): string {
  return template.replace(placeholder, (match: string, name: string, argument?: string) => {
    const fill = Object.hasOwn(fills, name) ? fills[name] : undefined
    return fill ? fill(rng, argument) : match
  })
}

/** A failed row's error as the vendor-neutral text (no step prefix), or null if it did not fail. */
export function errorTextOf(history: VendorHistory, row: number): string | null {
  const errorIndex = history.errorIndex[row] ?? noError
  if (errorIndex === noError) return null
  const spec = history.workflows[history.workflow[row] ?? 0]?.spec
  const error = spec?.errors[errorIndex]
  if (!error) return null
  return renderErrorTemplate(error.message, createRng(mixSeed(history.errorSeed, row)))
}
