import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { excerptAround, Highlighted, searchWords, splitByWords } from './highlight'

describe('search highlighting', () => {
  it('marks every word of the search, case-blind, longest first', () => {
    expect(searchWords('Time  timeout "db"')).toEqual(['timeout', 'time', 'db'])
    expect(splitByWords('DB timeout after time', ['timeout', 'time', 'db'])).toEqual([
      '',
      'DB',
      ' ',
      'timeout',
      ' after ',
      'time',
      '',
    ])
  })

  it('renders marks as text, never as HTML, and treats regex characters literally', () => {
    const { container } = render(
      <Highlighted text={'<b>a+b</b> failed (a+b)'} words={searchWords('a+b')} />,
    )
    expect(container.querySelectorAll('mark')).toHaveLength(2)
    expect(container.querySelector('b')).toBeNull()
    expect(container.textContent).toBe('<b>a+b</b> failed (a+b)')
  })

  it('starts a long text shortly before its first match', () => {
    const text = `${'word '.repeat(20)}connection refused by db-3`
    expect(excerptAround(text, ['refused'])).toBe('…word word word connection refused by db-3')
    expect(excerptAround('short refused', ['refused'])).toBe('short refused')
  })
})
