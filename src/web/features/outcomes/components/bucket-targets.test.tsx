import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { BucketTargets, type BucketDatum } from './bucket-targets'

// Four UTC days: the second has 2 failed runs among 300, the fourth 5; the others none.
const data: BucketDatum[] = [
  {
    label: '14 Nov',
    start: '2026-11-14T00:00:00.000Z',
    end: '2026-11-15T00:00:00.000Z',
    total: 40,
    succeeded: 40,
  },
  {
    label: '15 Nov',
    start: '2026-11-15T00:00:00.000Z',
    end: '2026-11-16T00:00:00.000Z',
    total: 300,
    succeeded: 298,
    failed: 2,
  },
  {
    label: '16 Nov',
    start: '2026-11-16T00:00:00.000Z',
    end: '2026-11-17T00:00:00.000Z',
    total: 10,
    succeeded: 10,
  },
  {
    label: '17 Nov',
    start: '2026-11-17T00:00:00.000Z',
    end: '2026-11-18T00:00:00.000Z',
    total: 25,
    succeeded: 20,
    failed: 5,
  },
]
const plot = { x: 36, y: 4, width: 400, height: 140 }

function renderTargets(selected?: { from: string; to: string }) {
  const onSelectFailed = vi.fn()
  render(
    <BucketTargets
      data={data}
      statuses={['succeeded', 'failed']}
      plot={plot}
      tz="utc"
      selected={selected}
      onSelectFailed={onSelectFailed}
    />,
  )
  return { onSelectFailed, user: userEvent.setup() }
}

describe('BucketTargets', () => {
  it('makes each bucket with failed runs a full-height column over its place in the plot', () => {
    renderTargets()
    const group = screen.getByRole('group', { name: /^Chart buckets/ })
    expect(group).toHaveStyle({ left: '36px', top: '4px', width: '400px', height: '140px' })
    const buttons = screen.getAllByRole('button')
    // Intl puts thin spaces around the range's dash: compare words, not space characters.
    const labels = buttons.map((button) => button.getAttribute('aria-label')?.replace(/\s/g, ' '))
    expect(labels).toEqual([
      'List the 2 failed runs of 15 Nov, 00:00 UTC – 16 Nov, 00:00 UTC',
      'List the 5 failed runs of 17 Nov, 00:00 UTC – 18 Nov, 00:00 UTC',
    ])
    // 400 px over 4 buckets: the second bucket's column is x 100 to 200, top to bottom.
    expect(buttons[0]).toHaveStyle({ left: '100px', width: '100px' })
    expect(buttons[1]).toHaveStyle({ left: '300px', width: '100px' })
    for (const button of buttons) expect(button).toHaveClass('inset-y-0')
  })

  it('is one tab stop; arrows move between failed buckets and Enter lists one', async () => {
    const { onSelectFailed, user } = renderTargets()
    const [second, fourth] = screen.getAllByRole('button')
    expect(second).toHaveAttribute('tabindex', '0')
    expect(fourth).toHaveAttribute('tabindex', '-1')
    await user.tab()
    expect(second).toHaveFocus()
    // Keyboard focus shows the bucket's numbers, as hovering does.
    expect(screen.getByTestId('outcomes-tooltip')).toHaveTextContent('Failed2Total300')
    await user.keyboard('{ArrowRight}')
    expect(fourth).toHaveFocus()
    expect(fourth).toHaveAttribute('tabindex', '0')
    await user.keyboard('{ArrowRight}')
    expect(fourth).toHaveFocus()
    await user.keyboard('{Home}')
    expect(second).toHaveFocus()
    await user.keyboard('{End}{Enter}')
    expect(onSelectFailed).toHaveBeenCalledExactlyOnceWith({
      from: '2026-11-17T00:00:00.000Z',
      to: '2026-11-18T00:00:00.000Z',
    })
  })

  it('starts the tab stop on the selected bucket and marks it pressed', () => {
    renderTargets({ from: '2026-11-17T00:00:00.000Z', to: '2026-11-18T00:00:00.000Z' })
    const [second, fourth] = screen.getAllByRole('button')
    expect(fourth).toHaveAttribute('tabindex', '0')
    expect(fourth).toHaveAttribute('aria-pressed', 'true')
    expect(second).toHaveAttribute('aria-pressed', 'false')
  })

  it('shows a bucket’s numbers while the pointer is over it, and none after it leaves', async () => {
    const { onSelectFailed, user } = renderTargets()
    const [second] = screen.getAllByRole('button')
    await user.hover(second!)
    const tooltip = screen.getByTestId('outcomes-tooltip')
    expect(tooltip).toHaveTextContent('Succeeded298Failed2Total300')
    await user.click(second!)
    expect(onSelectFailed).toHaveBeenCalledWith({
      from: '2026-11-15T00:00:00.000Z',
      to: '2026-11-16T00:00:00.000Z',
    })
    // The click focused the button, but a mouse focus keeps no tooltip once the pointer goes.
    fireEvent.pointerLeave(screen.getByRole('group'))
    expect(screen.queryByTestId('outcomes-tooltip')).not.toBeInTheDocument()
  })

  it('shows a bucket without failed runs on hover too, without a button', async () => {
    const { user } = renderTargets()
    const group = screen.getByRole('group')
    const first = group.firstElementChild
    if (!(first instanceof HTMLElement)) throw new Error('no first column')
    await user.hover(first)
    expect(screen.getByTestId('outcomes-tooltip')).toHaveTextContent('Succeeded40Failed0Total40')
    expect(screen.getByTestId('outcomes-tooltip')).not.toHaveTextContent('press Enter')
  })
})
