/**
 * The request URL as the request log line shows it: the value of any query parameter whose
 * name looks like a secret (a token, key, password, signature...) is replaced, so a link
 * someone pasted with `?access_token=...` does not put the token in the logs. Everything else
 * stays exactly as sent, since the rest is what makes a log line useful.
 */
import { redactedMark } from './upstream/redact'

const secretName =
  /token|key|pass(word|wd)?|secret|auth|session|cookie|credential|signature|^sig$|jwt|bearer/i

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return raw
  }
}

export function redactUrlForLog(url: string): string {
  // An absolute-form request target can carry userinfo: that is a credential too.
  const withoutUserinfo = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${redactedMark}@`)
  const queryStart = withoutUserinfo.indexOf('?')
  if (queryStart === -1) return withoutUserinfo
  const query = withoutUserinfo
    .slice(queryStart + 1)
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=')
      const name = equals === -1 ? part : part.slice(0, equals)
      return equals !== -1 && secretName.test(decodedName(name)) ? `${name}=${redactedMark}` : part
    })
    .join('&')
  return `${withoutUserinfo.slice(0, queryStart)}?${query}`
}
