/**
 * A vendor that echoes the API key back in its error bodies, in each spelling seen in the
 * wild: none of them may reach the API's error message or /api/health's lastError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../errors'
import { describePuqError } from '../sources/puq'
import {
  fakeVendorClient,
  newAgent,
  okSchema,
  rejectionOf,
  startFakeVendor,
  type FakeVendor,
} from './fake-vendor.test-support'

const key = 'pk_live_7Hq/9+Zx=Ab-c d'
const bytes = Buffer.from(key, 'utf8')

const spellings: Record<string, string> = {
  plain: key,
  percent: encodeURIComponent(key),
  form: new URLSearchParams({ k: key }).toString().slice(2),
  base64: bytes.toString('base64'),
  base64url: bytes.toString('base64url'),
  hex: bytes.toString('hex'),
  HEX: bytes.toString('hex').toUpperCase(),
  basic: Buffer.from(`user:${key}`).toString('base64'),
}

let vendor: FakeVendor
const agent = newAgent()

beforeAll(async () => {
  vendor = await startFakeVendor((url) => {
    const spelled = spellings[url.searchParams.get('form') ?? ''] ?? ''
    return {
      status: Number(url.searchParams.get('status')),
      body: { error: `key ${spelled} is not valid here`, code: 'INVALID_KEY' },
    }
  })
})

afterAll(async () => {
  await agent.close()
  await vendor.close()
})

describe('an API key echoed back by the vendor', () => {
  it('is really in the vendor bodies this suite reads (else the suite proves nothing)', async () => {
    const response = await fetch(`${vendor.baseUrl}/v1/executions?form=base64&status=403`)
    expect(await response.text()).toContain(spellings.base64)
  })

  it.each(
    Object.keys(spellings).flatMap((form) => [403, 400, 503].map((status) => [form, status])),
  )('is redacted when spelled %s in an HTTP %i body', async (form, status) => {
    const client = fakeVendorClient(vendor, agent, {
      apiKey: key,
      describeErrorBody: describePuqError,
    })
    const error = await rejectionOf(
      client.get('/v1/executions', okSchema, { query: { form, status } }),
    )
    expect(error).toBeInstanceOf(ApiError)
    const message = error instanceof ApiError ? error.message : ''
    const lastError = client.health().lastError ?? ''
    // The vendor's words are still there, only the key is not (a Basic credential keeps
    // the encoded "user:" before it, which is no secret).
    expect(message).toMatch(/\(INVALID_KEY: key \S*\[redacted\]\S* is not valid here\)$/)
    expect(lastError).toBe(message)
    for (const spelled of Object.values(spellings)) {
      expect(message).not.toContain(spelled)
      expect(lastError).not.toContain(spelled)
    }
  })
})
