/**
 * A sortable column header: a button inside the <th> (the table sets `aria-sort` on the cell
 * itself). Started toggles newest/oldest first; Duration starts with the longest, since "the
 * slowest runs" is what people sort by duration for.
 */
import type { RunSort } from '../../../../shared/api-params'
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from '../../../components/ui/icons'
import { cn } from '../../../lib/cn'

export type SortField = 'started' | 'duration'

export function sortDirection(
  field: SortField,
  sort: RunSort,
): 'ascending' | 'descending' | 'none' {
  if (sort === field) return 'ascending'
  if (sort === `-${field}`) return 'descending'
  return 'none'
}

/** The order a click on the header asks for: the other direction, or the field's first one. */
export function nextSort(field: SortField, sort: RunSort): RunSort {
  if (sort === `-${field}`) return field
  return `-${field}`
}

const directionWords: Record<SortField, { ascending: string; descending: string }> = {
  started: { ascending: 'oldest first', descending: 'newest first' },
  duration: { ascending: 'shortest first', descending: 'longest first' },
}

export function SortHeader({
  field,
  label,
  sort,
  onSortChange,
}: {
  field: SortField
  label: string
  sort: RunSort
  onSortChange: (sort: RunSort) => void
}) {
  const direction = sortDirection(field, sort)
  const next = nextSort(field, sort)
  const nextWords = directionWords[field][next.startsWith('-') ? 'descending' : 'ascending']
  const Icon =
    direction === 'ascending'
      ? ArrowUpIcon
      : direction === 'descending'
        ? ArrowDownIcon
        : ArrowUpDownIcon
  return (
    <button
      type="button"
      onClick={() => onSortChange(next)}
      title={`Sort by ${label.toLowerCase()}, ${nextWords}`}
      className={cn(
        '-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-0.5 tracking-wide uppercase hover:bg-surface-hover hover:text-fg',
        direction !== 'none' && 'text-fg',
      )}
    >
      {label}
      <Icon
        width={12}
        height={12}
        className={direction === 'none' ? 'text-fg-subtle opacity-70' : 'text-accent-text'}
      />
    </button>
  )
}
