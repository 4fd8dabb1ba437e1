/**
 * `React.lazy` for a component the server may render (the run drawer of a deep link). A plain
 * lazy suspends on its first render even when its code is at hand, so the server would render
 * its fallback, and a browser hydrating it would wait on a boundary that any update turns into
 * a client render (the server's HTML thrown away, a flash). Here, code loaded before the first
 * render renders at once: the server loads every such component before rendering, notes which
 * ones a page rendered (`renderedLazyNames`), and the browser loads those before hydrating.
 */
import { createElement, lazy, type ComponentType } from 'react'

type Module<P> = { default: ComponentType<P> }

const preloads = new Map<string, () => Promise<unknown>>()
let rendered: Set<string> | undefined

export function preloadableLazy<P extends object>(
  name: string,
  load: () => Promise<Module<P>>,
): { Component: ComponentType<P>; preload: () => Promise<Module<P>> } {
  let loaded: Module<P> | undefined
  let loading: Promise<Module<P>> | undefined
  const preload = () => {
    loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        // A failed download may succeed the next time it is asked for.
        loading = undefined
        throw error
      },
    )
    return loading
  }
  // React settles a lazy synchronously when its thenable calls back at once.
  const settled = (module: Module<P>) =>
    ({ then: (resolve: (value: Module<P>) => void) => resolve(module) }) as Promise<Module<P>>
  const Lazy = lazy(() => (loaded ? settled(loaded) : preload()))
  preloads.set(name, preload)
  function Component(props: P) {
    rendered?.add(name)
    return createElement(Lazy, props)
  }
  Component.displayName = `Preloadable(${name})`
  return { Component, preload }
}

/** Loads the named components (all of them without names), ignoring names it does not know. */
export async function preloadLazy(names?: readonly string[]): Promise<void> {
  const wanted = names ?? [...preloads.keys()]
  await Promise.all(wanted.map((name) => preloads.get(name)?.() ?? Promise.resolve()))
}

/** Runs a synchronous render and says which of these components it rendered. */
export function renderedLazyNames<T>(render: () => T): { result: T; names: string[] } {
  rendered = new Set()
  try {
    const result = render()
    return { result, names: [...rendered] }
  } finally {
    rendered = undefined
  }
}
