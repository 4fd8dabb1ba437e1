/**
 * Failure fingerprints for the failure inbox (issue 13): runs that failed for the same cause
 * share one fingerprint, so 600 failed rows read as three broken things. The error text is
 * normalized first, masking what differs between occurrences of one cause (ids, numbers,
 * timings, quoted values, URL paths) while keeping the words and the HTTP status, because a
 * 429 and a 502 are different problems. The rule is versioned: a better rule gets a new
 * prefix instead of silently merging or splitting the groups people already know.
 */
import { createHash } from 'node:crypto'
import { parseFailedStep } from '../sources/trigify'

export const fingerprintVersion = 'v1'

/** Long enough to tell causes apart, short enough for a table cell and an index key. */
export const maxNormalizedLength = 300
/** Nothing past this decides the cause, and it bounds the regex work on a huge stack trace. */
const maxInputLength = 4000
/** A quoted name or value is short; a longer quote is prose whose words should stay. */
const maxQuotedValue = 100

/** Private-use characters stand for masked spans, so later rules never re-mask a mask. */
const maskBase = 0xe000
const maskLimit = 0x1800
const maskPattern = /[\ue000-\uf7ff]/g

type Masker = {
  /**
   * Replaces every match of `pattern` with what `render` returns, protected from later rules;
   * null leaves the match to them (it is still consumed, so this rule does not rescan it).
   */
  mask: (pattern: RegExp, render: (match: string, ...groups: string[]) => string | null) => void
  text: () => string
}

function createMasker(input: string): Masker {
  const masks: string[] = []
  let current = input
  const protect = (value: string): string => {
    if (masks.length >= maskLimit) return value
    masks.push(value)
    return String.fromCharCode(maskBase + masks.length - 1)
  }
  return {
    mask: (pattern, render) => {
      current = current.replace(pattern, (match: string, ...rest: unknown[]) => {
        // Unmatched groups arrive as undefined; blanking them keeps the others in place.
        const groups = rest.map((part) => (typeof part === 'string' ? part : ''))
        const rendered = render(match, ...groups)
        return rendered === null ? match : protect(rendered)
      })
    },
    text: () =>
      current.replace(maskPattern, (char) => masks[char.charCodeAt(0) - maskBase] ?? char),
  }
}

const looksLikeHtml = /<\/[a-z][a-z0-9]*\s*>|<!doctype|<html[\s>]/i

/** Error pages say their cause in their text; scripts, styles and tags only add noise. */
function stripHtml(text: string): string {
  if (!looksLikeHtml.test(text)) return text
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-z!][^<>]*>/gi, ' ')
    .replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, ' ')
}

/** Words after which a three-digit number is an HTTP or SMTP status, not a count. */
const statusWords =
  'HTTP(?:\\/\\d(?:\\.\\d)?)?|status(?:[ _]?code)?|code|responded(?: with)?|returned|response|error|SMTP'
const durationUnits =
  'ms|msec|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?'

/** Rule v1. Pure; the same text always gives the same result. */
export function normalizeError(message: string): string {
  // Input that already holds mask characters must not forge masks.
  const input = message.slice(0, maxInputLength).replace(maskPattern, ' ')
  // Whitespace next: a JSON string wrapped over lines is still one quoted value.
  const flat = stripHtml(input).replace(/\s+/g, ' ')
  const masker = createMasker(flat)
  const { mask } = masker
  // Quoted values first: a quoted URL or id is still a quoted value. JSON keys are structure,
  // not values, and quotes longer than a name are prose whose words should stay.
  const quoted = (quote: string) => (match: string, inner: string, key: string) =>
    key !== '' ? match : inner.length > maxQuotedValue ? null : `${quote}<value>${quote}`
  mask(/"([^"]*)"(\s*:)?/g, quoted('"'))
  mask(/`([^`]*)`()/g, quoted('`'))
  mask(/(?<=^|[\s([{:=,])'([^']*)'(?=$|[\s)\]}.,:;!?])()/g, quoted("'"))
  // A URL keeps its scheme and host (which service failed) and loses its path and query.
  mask(/\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#"'<>`]+)([^\s"'<>`]*)/gi, (_, scheme, host, rest) => {
    const bareHost = host.replace(/^.*@/, '')
    const path = rest.replace(/[.,;:!?)\]]+$/, '')
    const trailing = rest.slice(path.length)
    return `${scheme}://${bareHost}${path === '' || path === '/' ? '' : '/<path>'}${trailing}`
  })
  mask(/[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi, () => '<email>')
  mask(/(?<![\w@])@[a-z0-9_](?:[\w.-]*\w)?/gi, () => '@<handle>')
  mask(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, () => '<uuid>')
  mask(
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/gi,
    (match) => (match.length > 10 ? '<time>' : '<date>'),
  )
  mask(
    /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})/g,
    () => '<time>',
  )
  mask(/\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, () => '<time>')
  mask(/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, () => '<ip>')
  mask(new RegExp(`\\b\\d+(?:\\.\\d+)?\\s?(?:${durationUnits})\\b`, 'gi'), () => '<duration>')
  // Statuses stay: after a status word, before a reason phrase, or right after `Vendor: `.
  mask(new RegExp(`\\b(?:${statusWords})[\\s:=]*[1-5]\\d\\d\\b`, 'gi'), (match) => match)
  mask(/\b[1-5]\d\d(?=\s+[A-Z][a-zA-Z]*\b)/g, (match) => match)
  mask(/(?<=[a-z]: )[1-5]\d\d\b/gi, (match) => match)
  mask(/\b0x[0-9a-f]+\b/gi, () => '<hex>')
  // Long hex and other ids read the same, so one id never splits a group by its letters.
  mask(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, () => '<id>')
  // Ids mix letters and digits (req_9f3c0a1b, evt_1NqY82Lk); asking for two digits and eight
  // characters keeps names like ProjectV2, OAuth2 or x86_64 as words.
  mask(/\b(?=(?:[a-z_-]*\d){2})(?=[\w-]*[a-z])[\w-]{8,}={0,2}/gi, () => '<id>')
  mask(/\b\d+(?:[.,]\d+)*\b/g, () => '<n>')
  const normalized = masker.text().trim()
  return Array.from(normalized).slice(0, maxNormalizedLength).join('').trimEnd()
}

/**
 * The step a Trigify error names (`Step 'Enrich profile' failed: ...`). The run index parses
 * it the same way, so a group's step and its runs' `failedStep` always agree.
 */
export function trigifyFailedStep(error: string | null | undefined): string | undefined {
  return parseFailedStep(error)
}

export type FailureIdentity = {
  source: string
  workflowId: string
  failedStep?: string | null | undefined
  error?: string | null | undefined
}

/** `v1:` and 16 hex digits; JSON keeps the parts apart whatever characters they contain. */
export function fingerprintOf(failure: FailureIdentity): string {
  const parts = [
    failure.source,
    failure.workflowId,
    failure.failedStep ?? null,
    normalizeError(failure.error ?? ''),
  ]
  const hash = createHash('sha1').update(JSON.stringify(parts)).digest('hex').slice(0, 16)
  return `${fingerprintVersion}:${hash}`
}
