import { Suspense, type ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { preloadableLazy, preloadLazy, renderedLazyNames } from './preloadable-lazy'

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>
}

const page = (Component: ComponentType<{ name: string }>) => (
  <Suspense fallback={<p>loading</p>}>
    <Component name="Ada" />
  </Suspense>
)

describe('preloadableLazy', () => {
  it('renders at once once its code was preloaded, and not before', async () => {
    let loads = 0
    const { Component } = preloadableLazy('greeting-a', () => {
      loads += 1
      return Promise.resolve({ default: Greeting })
    })
    expect(renderToString(page(Component))).toContain('loading')
    await preloadLazy(['greeting-a'])
    // A lazy that already suspended settles when its own load does: the next render has it.
    expect(renderToString(page(Component))).toContain('Hello <!-- -->Ada')
    expect(loads).toBe(1)
  })

  it('never suspends when preloaded before its first render', async () => {
    const { Component } = preloadableLazy('greeting-b', () =>
      Promise.resolve({ default: Greeting }),
    )
    await preloadLazy()
    const { result, names } = renderedLazyNames(() => renderToString(page(Component)))
    expect(result).toContain('Hello <!-- -->Ada')
    expect(result).not.toContain('loading')
    expect(names).toEqual(['greeting-b'])
    expect(renderedLazyNames(() => renderToString(<p>none</p>)).names).toEqual([])
  })

  it('loads again after a failed download', async () => {
    let attempts = 0
    const { preload } = preloadableLazy('greeting-c', () => {
      attempts += 1
      return attempts === 1
        ? Promise.reject(new Error('network down'))
        : Promise.resolve({ default: Greeting })
    })
    await expect(preload()).rejects.toThrow('network down')
    await expect(preload()).resolves.toEqual({ default: Greeting })
    expect(attempts).toBe(2)
  })
})
