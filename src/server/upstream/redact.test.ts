import { describe, expect, it } from 'vitest'
import { createRedactor, redactUrlSecrets } from './redact'

const key = 'sk-live/ABC+def=42 ü~*'
const bytes = Buffer.from(key, 'utf8')
const base64 = bytes.toString('base64')

/** Every spelling of the key a vendor or a proxy has been seen to echo. */
const spellings: [string, string][] = [
  ['as is', key],
  ['encodeURIComponent', encodeURIComponent(key)],
  [
    'encodeURIComponent, lower-case escapes',
    encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  ],
  ['form encoding', new URLSearchParams({ k: key }).toString().slice(2)],
  ['every byte escaped', [...bytes].map((byte) => `%${byte.toString(16)}`).join('')],
  ['base64', base64],
  ['base64 without padding', base64.replace(/=+$/, '')],
  ['base64url', bytes.toString('base64url')],
  ['hex', bytes.toString('hex')],
  ['HEX', bytes.toString('hex').toUpperCase()],
]

describe('createRedactor', () => {
  const redact = createRedactor(key)

  it.each(spellings)('hides the key %s', (_name, spelling) => {
    const text = `error: key "${spelling}" is not valid for this workspace`
    expect(redact(text)).toBe('error: key "[redacted]" is not valid for this workspace')
  })

  it.each([0, 1, 2, 5])(
    'hides the key inside a longer base64 value (%i bytes before it)',
    (before) => {
      const credential = Buffer.concat([Buffer.from('u'.repeat(before)), bytes, Buffer.from('!')])
      for (const encoded of [credential.toString('base64'), credential.toString('base64url')]) {
        const shown = redact(`Authorization: Basic ${encoded}`)
        expect(shown).toContain('[redacted]')
        // What is left of the encoded value is too little to decode the key from.
        const left = shown.replace('Authorization: Basic ', '').split('[redacted]').join('')
        expect(left.length).toBeLessThanOrEqual(12)
      }
    },
  )

  it('leaves text without the key alone, and an empty key redacts nothing', () => {
    const text = 'The puq.ai API failed with HTTP 503 (UNAVAILABLE: try again 6b31 c2s=)'
    expect(redact(text)).toBe(text)
    expect(createRedactor('')('anything at all')).toBe('anything at all')
  })

  it('redacts every occurrence', () => {
    expect(redact(`${key} ${bytes.toString('hex')} ${key}`)).toBe(
      '[redacted] [redacted] [redacted]',
    )
  })
})

describe('redactUrlSecrets', () => {
  it.each([
    ['https://user:pass@api.example/v1', 'https://[redacted]@api.example/v1'],
    ['https://api.example/v1?api_key=abc&x=1', 'https://api.example/v1?[redacted]'],
    ['https://api.example/#access_token=abc', 'https://api.example/#[redacted]'],
    ['http://tok@host:99999?k=v', 'http://[redacted]@host:99999?[redacted]'],
    ['not a url?x=1', 'not a url?x=1'],
  ])('shows %s as %s', (value, shown) => {
    expect(redactUrlSecrets(value)).toBe(shown)
  })
})
