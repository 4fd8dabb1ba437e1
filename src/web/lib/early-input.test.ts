import { afterEach, describe, expect, it } from 'vitest'
import { dropEarlyInput, holdEarlyInput, replayEarlyInput } from './early-input'

/** The server's HTML, before the app: a button, a link, a search box. */
function serverPage() {
  document.body.innerHTML = `
    <button type="button" id="filter"><svg><path id="icon"></path></svg>Status</button>
    <a id="link" href="#run">run_1</a>
    <input id="search" />`
  const element = (id: string) => {
    const found = document.getElementById(id)
    if (!found) throw new Error(`no #${id}`)
    return found
  }
  return {
    button: element('filter'),
    icon: element('icon'),
    link: element('link'),
    search: element('search'),
  }
}

/** What the live app would do: record clicks and keys that reach it. */
function listen() {
  const seen: string[] = []
  document.addEventListener('click', (event) => {
    seen.push(`click ${(event.target as Element).id}`)
  })
  document.addEventListener('keydown', (event) => seen.push(`key ${event.key}`))
  return seen
}

const press = (target: Element, key: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
  )

afterEach(() => {
  dropEarlyInput()
  document.body.innerHTML = ''
})

describe('early input', () => {
  it('holds a click on the page until the app is live, then replays it on the same node', () => {
    const { button, icon } = serverPage()
    const seen = listen()
    holdEarlyInput(document)
    const notCancelled = icon.dispatchEvent(
      new MouseEvent('click', { bubbles: true, cancelable: true }),
    )
    expect(notCancelled).toBe(false)
    expect(seen).toEqual([])

    replayEarlyInput()
    expect(seen).toEqual(['click icon'])
    // Held once: a later click goes straight through.
    button.click()
    expect(seen).toEqual(['click icon', 'click filter'])
  })

  it('lets links and typing through, and holds shortcut keys only', () => {
    const { link, search, button } = serverPage()
    const seen = listen()
    holdEarlyInput(document)
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    press(search, 'j')
    press(button, 'Tab')
    press(button, 'k', { ctrlKey: true })
    press(button, 'j')
    press(button, 'Escape')
    expect(seen).toEqual(['click link', 'key j', 'key Tab', 'key k'])

    replayEarlyInput()
    expect(seen).toEqual(['click link', 'key j', 'key Tab', 'key k', 'key j', 'key Escape'])
  })

  it('drops what it held on a node that is gone, and everything when the app fails to load', () => {
    const { button } = serverPage()
    const seen = listen()
    holdEarlyInput(document)
    button.click()
    button.remove()
    replayEarlyInput()
    expect(seen).toEqual([])

    const page = serverPage()
    holdEarlyInput(document)
    page.button.click()
    dropEarlyInput()
    replayEarlyInput()
    page.button.click()
    expect(seen).toEqual(['click filter'])
  })
})
