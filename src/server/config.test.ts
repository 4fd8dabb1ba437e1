import { describe, expect, it } from 'vitest'
import { ConfigError, isLoopbackHost, parseConfig } from './config'

describe('parseConfig', () => {
  it('defaults to demo mode on loopback', () => {
    const config = parseConfig({})
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      demo: true,
      trigify: undefined,
      puq: undefined,
      upstreamTimeoutMs: 10_000,
      trigifyRateReserve: 10,
    })
  })

  it('enables real sources from keys and turns demo off unless forced', () => {
    const config = parseConfig({ TRIGIFY_API_KEY: 'k1', PUQ_API_KEY: 'k2', PORT: '0' })
    expect(config.demo).toBe(false)
    expect(config.port).toBe(0)
    expect(config.trigify).toEqual({ apiKey: 'k1', baseUrl: 'https://api.trigify.io' })
    expect(config.puq).toEqual({ apiKey: 'k2', baseUrl: 'https://api.puq.ai' })
    expect(parseConfig({ TRIGIFY_API_KEY: 'k1', RUNBOARD_DEMO: '1' }).demo).toBe(true)
    expect(
      parseConfig({ PUQ_BASE_URL: 'http://127.0.0.1:9/puq/', PUQ_API_KEY: 'k' }).puq?.baseUrl,
    ).toBe('http://127.0.0.1:9/puq')
  })

  it.each([
    [{ PORT: 'eighty' }, 'Invalid PORT: must be a whole number from 0 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'Invalid PORT: must be at most 65535 (got "70000")'],
    [{ UPSTREAM_TIMEOUT_MS: '-5' }, 'Invalid UPSTREAM_TIMEOUT_MS'],
    [{ TRIGIFY_BASE_URL: 'ftp://x' }, 'Invalid TRIGIFY_BASE_URL: must be an http(s) URL'],
    [{ RUNBOARD_DEMO: 'maybe' }, 'Invalid RUNBOARD_DEMO: must be 1 or 0'],
    [{ RUNBOARD_DEMO: '0' }, 'Invalid RUNBOARD_DEMO: demo mode is off'],
    [{ HOST: '0.0.0.0' }, 'Invalid HOST: 0.0.0.0 is reachable from other machines'],
  ])('refuses %j with one clear line', (env, message) => {
    let error: unknown
    try {
      parseConfig(env)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const text = error instanceof Error ? error.message : ''
    expect(text.startsWith(message)).toBe(true)
    expect(text).not.toContain('\n')
  })

  it('never echoes a secret in its message', () => {
    expect(() => parseConfig({ RUNBOARD_ACCESS_TOKEN: 'short-secret' })).toThrow(
      /^Invalid RUNBOARD_ACCESS_TOKEN: must be at least 16 characters$/,
    )
  })

  it.each([
    ['TRIGIFY_BASE_URL', 'https://user:pass-SECRET@api.trigify.io'],
    ['PUQ_BASE_URL', 'https://api.puq.ai/v1?api_key=SECRET#SECRET'],
    // Not a URL at all (the port is out of range), yet its userinfo is still hidden.
    ['PUQ_BASE_URL', 'https://SECRET-token@api.puq.ai:99999'],
    ['TRIGIFY_BASE_URL', 'ftp://user:SECRET@files.example/?key=SECRET'],
  ])('shows a rejected %s without its credentials or query', (name, value) => {
    let message = ''
    try {
      parseConfig({ [name]: value })
    } catch (error) {
      message = error instanceof Error ? error.message : ''
    }
    expect(message).toMatch(new RegExp(`^Invalid ${name}: .*\\(got ".*\\[redacted\\].*"\\)$`))
    expect(message).not.toContain('SECRET')
    // What is not a secret stays, so that the line still says which value was wrong.
    expect(message).toMatch(/:\/\/\[redacted\]@|\?\[redacted\]/)
  })

  it('listens beyond loopback only with an access token', () => {
    const config = parseConfig({ HOST: '0.0.0.0', RUNBOARD_ACCESS_TOKEN: 'a-long-enough-token' })
    expect(config.host).toBe('0.0.0.0')
    expect(config.accessToken).toBe('a-long-enough-token')
  })

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true)
    expect(['0.0.0.0', '192.168.1.2', '::', 'example.com'].some(isLoopbackHost)).toBe(false)
  })

  it('reads the store, host and deadline settings', () => {
    expect(parseConfig({})).toMatchObject({
      dataDir: '.runboard',
      databaseUrl: undefined,
      allowedHosts: [],
      trustProxy: false,
      deadlineMs: 15_000,
    })
    const config = parseConfig({
      RUNBOARD_DATA_DIR: '/var/lib/runboard',
      RUNBOARD_DATABASE_URL: 'postgres://runboard@db.internal/runboard',
      RUNBOARD_ALLOWED_HOSTS: 'Runboard.example, 10.0.0.5:8080',
      RUNBOARD_TRUST_PROXY: '1',
      RUNBOARD_DEADLINE_MS: '5000',
    })
    expect(config).toMatchObject({
      dataDir: '/var/lib/runboard',
      databaseUrl: 'postgres://runboard@db.internal/runboard',
      allowedHosts: ['runboard.example', '10.0.0.5:8080'],
      trustProxy: true,
      deadlineMs: 5_000,
    })
    expect(() => parseConfig({ RUNBOARD_DATABASE_URL: 'mysql://x' })).toThrow(
      'Invalid RUNBOARD_DATABASE_URL: must be a postgres:// URL',
    )
  })
})
