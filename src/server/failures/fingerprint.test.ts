/**
 * The normalizer on a table of real-looking messages. Every expectation is written out by
 * hand: computing it with the code under test would only prove the code agrees with itself.
 */
import { describe, expect, it } from 'vitest'
import {
  fingerprintOf,
  maxNormalizedLength,
  normalizeError,
  trigifyFailedStep,
} from './fingerprint'

describe('normalizeError', () => {
  it.each([
    [
      'Slack responded 429 Too Many Requests (retry after 30 seconds)',
      'Slack responded 429 Too Many Requests (retry after <duration>)',
    ],
    ['HTTP 502 from api.openai.com', 'HTTP 502 from api.openai.com'],
    ['HubSpot responded 401: token expired', 'HubSpot responded 401: token expired'],
    [
      'Airtable: 429 rate limit, 5 requests per second',
      'Airtable: 429 rate limit, <n> requests per second',
    ],
    ['Request failed with status code 503', 'Request failed with status code 503'],
    ['SMTP 421 service not available', 'SMTP 421 service not available'],
    ['Zendesk: ticket 48213 not found', 'Zendesk: ticket <n> not found'],
    ['sync got 200 rows, expected 250', 'sync got <n> rows, expected <n>'],
    ['worker exited with code 137', 'worker exited with code 137'],
    [
      'Upstream said &#x27;busy&#x27; in <body>HTTP/1.1 503</body>',
      'Upstream said busy in HTTP/1.1 503',
    ],
    [
      'no email found for contact 3f2b8c1e-9a4d-4e6f-b2a1-0c9d8e7f6a5b',
      'no email found for contact <uuid>',
    ],
    [
      'AI provider responded 529: overloaded (request req_9f3c0a1b2c3d4e5f)',
      'AI provider responded 529: overloaded (request <id>)',
    ],
    [
      'Gmail responded 403: insufficient permissions for maria.lopez@acme.io',
      'Gmail responded 403: insufficient permissions for <email>',
    ],
    [
      'Request to https://api.clearbit.com/v2/companies/find?domain=acme.io timed out after 30s',
      'Request to https://api.clearbit.com/<path> timed out after <duration>',
    ],
    [
      'Request to https://api.anthropic.com timed out after 60s',
      'Request to https://api.anthropic.com timed out after <duration>',
    ],
    [
      'could not reach postgres://runboard:hunter2@db.internal:5432/app',
      'could not reach postgres://db.internal:5432/<path>',
    ],
    ['row 17: missing required column "email"', 'row <n>: missing required column "<value>"'],
    ["KeyError: 'from' in step input", "KeyError: '<value>' in step input"],
    ['Unknown field `customer.vat_id`', 'Unknown field `<value>`'],
    [
      'LinkedIn session expired for @maria-lopez, reconnect',
      'LinkedIn session expired for @<handle>, reconnect',
    ],
    ['mentioned by @maria_lopez42 and @chen.wang.', 'mentioned by @<handle> and @<handle>.'],
    [
      'export started 2026-11-20T12:00:00.000Z still running',
      'export started <time> still running',
    ],
    ['no data for 2026-11-20', 'no data for <date>'],
    ['connect ETIMEDOUT 10.0.3.12:5432', 'connect ETIMEDOUT <ip>'],
    [
      'render took 1.2s, then 350ms, then 350 ms',
      'render took <duration>, then <duration>, then <duration>',
    ],
    ['segfault at 0x7ffd1a2b', 'segfault at <hex>'],
    ['commit 9f3c0a1b2c3d not found', 'commit <id> not found'],
    [
      'GraphQL: Could not resolve to a ProjectV2 with the number 7.',
      'GraphQL: Could not resolve to a ProjectV2 with the number <n>.',
    ],
    ['  spaced\n\tout   text  ', 'spaced out text'],
  ])('%s', (message, expected) => {
    expect(normalizeError(message)).toBe(expected)
  })

  it('keeps JSON keys but masks short JSON values', () => {
    const body = '{"error":{"type":"invalid_request_error","param":"messages"}}'
    expect(normalizeError(`OpenAI responded 400 ${body}`)).toBe(
      'OpenAI responded 400 {"error":{"type":"<value>","param":"<value>"}}',
    )
    const prose = `"${'This request was far too long for the model, '.repeat(3)}2 times"`
    expect(normalizeError(`{"message":${prose},"code":"too_long"}`)).toBe(
      `{"message":"${'This request was far too long for the model, '.repeat(3)}<n> times","code":"<value>"}`,
    )
  })

  it('reads a JSON body wrapped over lines, and a stack trace', () => {
    const error = [
      'OpenAI request failed after 3 attempts: 400 {"error":{"message":"This model\'s maximum context',
      'length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the',
      'length of the messages.","type":"invalid_request_error"}}',
      '    at step_0 (/app/runtime/executor/http.js:120:0)',
    ].join('\n')
    expect(normalizeError(error)).toBe(
      'OpenAI request failed after <n> attempts: 400 {"error":{"message":"This model\'s maximum context length is <n> tokens. However, your messages resulted in <n> tokens. Please reduce the length of the messages.","type":"<value>"}} at step_0 (/app/runtime/executor/http.js:<n>:<n>)',
    )
  })

  it('reduces an HTML error page to its words', () => {
    const page =
      '<html><head><title>503 Service Temporarily Unavailable</title><style>body{color:red}</style></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center><script>window.x = 1</script></body></html>'
    expect(normalizeError(`Outreach responded 503: ${page}`)).toBe(
      'Outreach responded 503: 503 Service Temporarily Unavailable 503 Service Temporarily Unavailable nginx',
    )
    expect(normalizeError('HubSpot responded 502: <html><body>502 Bad Gateway</body></html>')).toBe(
      'HubSpot responded 502: 502 Bad Gateway',
    )
  })

  it('leaves angle brackets alone when the text is not HTML', () => {
    expect(normalizeError('expected <string>, got number')).toBe('expected <string>, got number')
  })

  it('caps the length, even for a huge page', () => {
    const huge = `<html><body>${'<p>Something went wrong</p>'.repeat(50_000)}</body></html>`
    const normalized = normalizeError(huge)
    expect(normalized.length).toBeLessThanOrEqual(maxNormalizedLength)
    expect(normalized.startsWith('Something went wrong Something went wrong')).toBe(true)
  })

  it('does not let the input forge a mask', () => {
    expect(normalizeError('odd \ue000 char 12')).toBe('odd char <n>')
  })
})

describe('trigifyFailedStep', () => {
  it.each([
    ["Step 'Enrich profile' failed: profile not found", 'Enrich profile'],
    ["Step 'Bob's step' failed: 502", "Bob's step"],
    ['Execution timed out after 300000 ms', undefined],
    [null, undefined],
  ])('%s', (error, step) => {
    expect(trigifyFailedStep(error)).toBe(step)
  })
})

describe('fingerprintOf', () => {
  const base = { source: 'trigify', workflowId: 'wf_abc123', failedStep: 'Send Slack message' }
  const of = (error: string, overrides: Partial<typeof base> = {}) =>
    fingerprintOf({ ...base, ...overrides, error })

  it('is a v1 prefix and 16 hex digits, the same every time', () => {
    const fingerprint = of('Slack responded 429 Too Many Requests')
    expect(fingerprint).toMatch(/^v1:[0-9a-f]{16}$/)
    expect(of('Slack responded 429 Too Many Requests')).toBe(fingerprint)
  })

  it('groups occurrences of one cause', () => {
    const groups: string[][] = [
      [
        'Slack responded 429 Too Many Requests (retry after 3 seconds)',
        'Slack responded 429 Too Many Requests (retry after 41 seconds)',
      ],
      [
        'no email found for contact 3f2b8c1e-9a4d-4e6f-b2a1-0c9d8e7f6a5b (request req_19ab28cd37ef)',
        'no email found for contact 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d (request req_aa01bb02cc03)',
      ],
      [
        'PATCH https://api.hubapi.com/crm/v3/objects/contacts/901 failed for jo@acme.io',
        'PATCH https://api.hubapi.com/crm/v3/objects/contacts/77?x=1 failed for ann.lee@globex.com',
      ],
      ['row 4: missing required column "email"', 'row 913: missing required column "company"'],
    ]
    for (const [first, ...rest] of groups) {
      for (const other of rest) expect(of(other), other).toBe(of(first ?? ''))
    }
  })

  it('keeps different causes apart', () => {
    const distinct = [
      'Slack responded 429 Too Many Requests',
      'Slack responded 502 Bad Gateway',
      'Slack responded channel_not_found',
      'Slack responded user_not_found',
      'Request to https://api.openai.com timed out',
      'Request to https://api.anthropic.com timed out',
    ]
    expect(new Set(distinct.map((error) => of(error))).size).toBe(distinct.length)
  })

  it('tells apart sources, workflows and steps with the same error', () => {
    const error = 'profile not found'
    const fingerprints = [
      of(error),
      of(error, { source: 'puq' }),
      of(error, { workflowId: 'wf_other1' }),
      of(error, { failedStep: 'Enrich profile' }),
      fingerprintOf({ source: 'trigify', workflowId: 'wf_abc123', error }),
    ]
    expect(new Set(fingerprints).size).toBe(fingerprints.length)
  })

  it('cannot be fooled by parts that contain the separator', () => {
    const left = fingerprintOf({ source: 'a', workflowId: 'b","c', error: 'x' })
    const right = fingerprintOf({ source: 'a","b', workflowId: 'c', error: 'x' })
    expect(left).not.toBe(right)
  })
})
