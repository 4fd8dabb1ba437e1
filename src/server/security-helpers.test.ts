/**
 * The small pure pieces behind the server's defences: which Host values name this server,
 * which `next` values are safe to redirect to, and how a logged URL hides its secrets.
 */
import { describe, expect, it } from 'vitest'
import { hostMatcher } from './host-guard'
import { redactUrlForLog } from './log-url'
import { safeNextPath } from './next-path'

describe('hostMatcher', () => {
  it('takes loopback, the configured HOST and the allowed names; a wildcard HOST names nothing', () => {
    const named = hostMatcher({ host: 'runboard.lan', allowedHosts: ['10.0.0.5', '[fd00::1]'] })
    for (const host of ['localhost:8080', '127.9.9.9', '[::1]:1', 'RUNBOARD.lan:80', '10.0.0.5']) {
      expect(named(host), host).toBe(true)
    }
    expect(named('[fd00::1]:8080')).toBe(true)
    for (const host of ['attacker.example', 'localhost.', 'runboard.lan.evil', '', 'a b', '[::1']) {
      expect(named(host), host).toBe(false)
    }
    const wildcard = hostMatcher({ host: '0.0.0.0' })
    expect(wildcard('0.0.0.0:8080')).toBe(false)
    expect(wildcard('localhost')).toBe(true)
  })
})

describe('safeNextPath', () => {
  it('keeps paths on this server and turns anything else into /', () => {
    expect(safeNextPath('/runs?source=demo-puq&status=failed#x')).toBe(
      '/runs?source=demo-puq&status=failed#x',
    )
    const unsafe = ['//evil.example', '/\\evil.example', 'https://evil.example', 'runs', '/a\nb']
    for (const next of [...unsafe, '/login?next=/x', undefined, 42, '/'.repeat(3000)]) {
      expect(safeNextPath(next), String(next)).toBe('/')
    }
  })
})

describe('redactUrlForLog', () => {
  it('replaces the values of secret-looking parameters and keeps every other byte', () => {
    expect(
      redactUrlForLog(
        '/api/x?token=a&access_token=b&key=c&api_key=d&apikey=e&password=f&secret=g&authorization=h&status=failed&page=2&tz=Europe%2FParis',
      ),
    ).toBe(
      '/api/x?token=[redacted]&access_token=[redacted]&key=[redacted]&api_key=[redacted]&apikey=[redacted]&password=[redacted]&secret=[redacted]&authorization=[redacted]&status=failed&page=2&tz=Europe%2FParis',
    )
    expect(redactUrlForLog('/x?%74oken=a&Client_Secret=b&workflow=wf_1')).toBe(
      '/x?%74oken=[redacted]&Client_Secret=[redacted]&workflow=wf_1',
    )
    expect(redactUrlForLog('http://user:pw@host/x?sig=1')).toBe(
      'http://[redacted]@host/x?sig=[redacted]',
    )
    expect(redactUrlForLog('/runs')).toBe('/runs')
  })
})
