/**
 * What the runs page did not understand in its URL, in words. The page still corrects every
 * bad value (runs-search.ts falls back, the route rewrites the URL), but says once what it
 * changed, so `source=nope` no longer quietly shows another source. Pure: the raw query
 * parameters against the parsed search (and the sources, once known).
 */
import { defaultPageSize } from '../../../shared/api-params'
import { allSourcesId } from '../../../shared/model'
import { urlTimeSchema } from '../../../shared/runs-view'
import { outcomeWindowNames } from '../../lib/outcome-windows'
import { stringifySearch } from '../../lib/search-serializer'
import { runsSearchDefaults, runsSearchSchema, toUrlSearch, type RunsSearch } from './runs-search'

type KnownSource = { id: string; label: string }

/** One value the page could not use: the parameter, and what it did instead, in words. */
export type UrlCorrection = { param: string; message: string }

function quoted(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ')
}

function describeSource(raw: string, sources: readonly KnownSource[] | undefined) {
  if (sources === undefined || sources.some((source) => source.id === raw)) return undefined
  // The page corrects to the first configured source, never to the "All sources" view.
  const first = sources.find((source) => source.id !== allSourcesId)
  return first ? `No source named '${raw}'; showing ${first.label}` : `No source named '${raw}'`
}

function describeStatus(raw: string, search: RunsSearch) {
  const kept = search.status ?? []
  const ignored = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !kept.some((status) => status === part))
  if (ignored.length === 0) return undefined
  return `Ignored ${ignored.length === 1 ? 'status' : 'statuses'} ${quoted(ignored)}`
}

/** `from` and `to` are one filter (either end may be open): say what was wrong, once. */
function describeWindow(raw: Record<string, string>, search: RunsSearch): string[] {
  const given = (['from', 'to'] as const).flatMap((key) => {
    const value = raw[key]
    return value === undefined ? [] : [{ key, value }]
  })
  if (given.length === 0) return []
  if (search.range !== undefined) {
    return [`The range '${search.range}' replaces from and to; showing the last ${search.range}`]
  }
  const notTimes = given.filter(({ value }) => !urlTimeSchema.safeParse(value).success)
  if (notTimes.length > 0) {
    return notTimes.map(({ value }) => `'${value}' is not a time; showing every start time`)
  }
  if (search.from !== undefined || search.to !== undefined) return []
  return [`The time filter ends before it starts; showing every start time`]
}

/**
 * One sentence per value the page could not use, in the URL's order of parameters. `sources`
 * is undefined until the sources list is known (the source is then not judged yet).
 */
export function describeUrlCorrections(
  raw: Record<string, string>,
  search: RunsSearch,
  sources: readonly KnownSource[] | undefined,
): UrlCorrection[] {
  const messages: UrlCorrection[] = []
  const say = (param: string, message: string | undefined) => {
    if (message !== undefined) messages.push({ param, message })
  }
  const known = Object.keys(runsSearchSchema.shape)
  const shown: Record<string, unknown> = toUrlSearch(search)
  let isWindowSaid = false
  for (const [key, value] of Object.entries(raw)) {
    if (value === '') continue
    switch (key) {
      case 'source': {
        const message =
          search.source === undefined
            ? describeSource(value, sources)
            : describeSource(search.source, sources)
        say(key, message)
        break
      }
      case 'status': {
        const message = describeStatus(value, search)
        say(key, message)
        break
      }
      case 'from':
      case 'to':
        if (!isWindowSaid) {
          for (const message of describeWindow(raw, search)) say('from', message)
        }
        isWindowSaid = true
        break
      case 'page':
        if (Number(value) !== search.page) {
          say(key, `Page '${value}' is not a page number; showing page ${search.page}`)
        }
        break
      case 'pageSize':
        if (Number(value) !== search.pageSize) {
          say(key, `Page size ${value} is not offered; showing ${defaultPageSize}`)
        }
        break
      case 'window':
        if (value !== search.window) {
          say(
            key,
            `Window '${value}' is not offered; showing ${outcomeWindowNames[runsSearchDefaults.window]}`,
          )
        }
        break
      case 'sort':
        if (value !== search.sort) say(key, `Ignored sort '${value}'; showing newest first`)
        break
      case 'tz':
        if (value !== search.tz) say(key, `Time zone '${value}' is not offered; showing local time`)
        break
      default:
        if (!known.includes(key)) {
          say(key, `Ignored '${key}', which this page does not use`)
        } else if (stringifySearch({ [key]: shown[key] }) !== stringifySearch({ [key]: value })) {
          // Any other parameter of the page (an id, a word) whose value could not be used.
          say(key, `Ignored ${key} '${value}'`)
        }
    }
  }
  return messages
}
