import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useRef, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { Modal } from './modal'

function Harness({ onClose = vi.fn(), withInitialFocus = false }) {
  const [isOpen, setIsOpen] = useState(false)
  const secondRef = useRef<HTMLButtonElement>(null)
  return (
    <>
      <button onClick={() => setIsOpen(true)}>Open</button>
      {isOpen && (
        <Modal
          labelledBy="modal-title"
          onClose={() => {
            onClose()
            setIsOpen(false)
          }}
          initialFocusRef={withInitialFocus ? secondRef : undefined}
          layerClassName="layer"
          backdropClassName="backdrop"
          panelClassName="panel"
        >
          <h2 id="modal-title">Settings</h2>
          <button>First</button>
          <button ref={secondRef}>Second</button>
          <input
            aria-label="Swallows Escape"
            onKeyDown={(event) => {
              if (event.key === 'Escape') event.preventDefault()
            }}
          />
        </Modal>
      )}
    </>
  )
}

async function open(props: Parameters<typeof Harness>[0] = {}) {
  const user = userEvent.setup()
  render(<Harness {...props} />)
  const opener = screen.getByRole('button', { name: 'Open' })
  await user.click(opener)
  return { user, opener, dialog: screen.getByRole('dialog', { name: 'Settings' }) }
}

describe('Modal', () => {
  it('is a named modal dialog that takes focus and holds the page still', async () => {
    const { dialog } = await open()
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(dialog).toHaveFocus()
    expect(document.body.style.overflow).toBe('hidden')
  })

  it('focuses what it is told to first', async () => {
    await open({ withInitialFocus: true })
    expect(screen.getByRole('button', { name: 'Second' })).toHaveFocus()
  })

  it('keeps Tab inside, wrapping at either end', async () => {
    const { user } = await open()
    await user.tab()
    expect(screen.getByRole('button', { name: 'First' })).toHaveFocus()
    await user.tab()
    await user.tab()
    expect(screen.getByRole('textbox', { name: 'Swallows Escape' })).toHaveFocus()
    await user.tab()
    expect(screen.getByRole('button', { name: 'First' })).toHaveFocus()
    await user.tab({ shift: true })
    expect(screen.getByRole('textbox', { name: 'Swallows Escape' })).toHaveFocus()
  })

  it('closes on Escape, unless a widget inside handled it, and gives focus back', async () => {
    const onClose = vi.fn()
    const { user, opener } = await open({ onClose })
    await user.click(screen.getByRole('textbox', { name: 'Swallows Escape' }))
    await user.keyboard('{Escape}')
    expect(onClose).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'First' }))
    await user.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(opener).toHaveFocus()
    expect(document.body.style.overflow).toBe('')
  })

  it('closes on a click on the backdrop, not on one inside the panel', async () => {
    const onClose = vi.fn()
    const { user, dialog } = await open({ onClose })
    await user.click(dialog)
    expect(onClose).not.toHaveBeenCalled()
    const backdrop = document.querySelector('.backdrop')
    if (!(backdrop instanceof HTMLElement)) throw new Error('no backdrop')
    await user.click(backdrop)
    expect(onClose).toHaveBeenCalledTimes(1)
  })
})
