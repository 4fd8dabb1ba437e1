/**
 * The search's words marked in a cell's text (`<mark>`), case-blind, as the server matched
 * them. Text stays text: the pieces are React strings, never HTML, whatever the error holds.
 */
import type { ReactNode } from 'react'

/** The words of a search, longest first so `time` never hides inside a marked `timeout`. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return []
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^["'(]+|["'),.:;]+$/g, ''))
    .filter((word) => word.length > 0)
  return [...new Set(words)].sort((a, b) => b.length - a.length)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `text` split into plain and matched pieces; the matched ones are odd indexes. */
export function splitByWords(text: string, words: readonly string[]): string[] {
  if (words.length === 0 || text === '') return [text]
  return text.split(new RegExp(`(${words.map(escapeRegExp).join('|')})`, 'gi'))
}

export function Highlighted({ text, words }: { text: string; words: readonly string[] }) {
  const pieces = splitByWords(text, words)
  if (pieces.length === 1) return text
  return pieces.map((piece, index): ReactNode =>
    index % 2 === 1 ? (
      <mark
        key={index}
        className="rounded-sm bg-warning-line/70 px-px text-inherit dark:bg-warning-line"
      >
        {piece}
      </mark>
    ) : (
      piece
    ),
  )
}

/**
 * A long text cut to start shortly before its first match, so a truncated cell still shows
 * the word that made the run match (`…connection to db-3 timed out`); the title keeps it all.
 */
export function excerptAround(text: string, words: readonly string[], lead = 24): string {
  const pieces = splitByWords(text, words)
  const before = pieces[0] ?? ''
  if (pieces.length === 1 || before.length <= lead) return text
  const cut = before.lastIndexOf(' ', before.length - lead)
  return `…${text.slice(cut > 0 ? cut + 1 : before.length - lead)}`
}
