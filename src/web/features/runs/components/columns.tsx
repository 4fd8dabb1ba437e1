/**
 * The runs table's columns: a typed id union, labels in column meta (the visibility menu and
 * the caption read them), and which run field makes an optional column worth showing.
 */
import { createColumnHelper, type RowData } from '@tanstack/react-table'
import type { RunSort } from '../../../../shared/api-params'
import type { Run } from '../../../../shared/model'
import { StatusBadge } from '../../../components/ui/status-badge'
import type { TimeZoneMode } from '../../../lib/format'
import {
  DurationCell,
  ErrorCell,
  RunIdCell,
  SourceCell,
  StartedCell,
  TextCell,
  TriggerCell,
  WorkflowCell,
} from './run-cells'
import { SortHeader, type SortField } from './sort-header'

export const runColumnIds = [
  'status',
  'runId',
  'workflow',
  'source',
  'startedAt',
  'duration',
  'trigger',
  'version',
  'error',
] as const
export type RunColumnId = (typeof runColumnIds)[number]

export function isRunColumnId(value: string): value is RunColumnId {
  return runColumnIds.some((id) => id === value)
}

/** Columns some vendors never fill: shown only when the page has a value for them. */
export type OptionalRunField = 'trigger' | 'version' | 'error' | 'source'

declare module '@tanstack/react-table' {
  // The interface must keep the library's type parameters to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    label: string
    /** Status and run id identify a row; they cannot be hidden. */
    isHideable: boolean
    optionalField?: OptionalRunField
    headerClassName?: string
    /**
     * Where the cell sits in a row's card below 640 px (the row becomes a 3-column grid:
     * status, workflow, duration; then start and run id; then the error, full width).
     */
    cardClassName?: string
    /** The API order the header sorts by; the table sets `aria-sort` from it. */
    sortField?: SortField
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface TableMeta<TData extends RowData> {
    tz: TimeZoneMode
    now: number
    workflowNames: ReadonlyMap<string, string>
    /** Source ids to their labels, for the all-sources view's Source column. */
    sourceLabels?: ReadonlyMap<string, string> | undefined
    /** The applied search's words, marked in the workflow and error cells. */
    searchWords: readonly string[]
    sort: RunSort
    /** Without it the Started and Duration headers are plain labels. */
    onSortChange?: ((sort: RunSort) => void) | undefined
  }
}

const column = createColumnHelper<Run>()

/** A plain label when the table is not told how to sort (the meta is the page's). */
function sortHeader(
  field: SortField,
  label: string,
  meta: { sort: RunSort; onSortChange?: ((sort: RunSort) => void) | undefined } | undefined,
) {
  if (!meta?.onSortChange) return label
  return (
    <SortHeader field={field} label={label} sort={meta.sort} onSortChange={meta.onSortChange} />
  )
}

export const runColumns = [
  column.accessor('status', {
    id: 'status' satisfies RunColumnId,
    header: 'Status',
    cell: ({ row }) => (
      <StatusBadge status={row.original.status} vendorStatus={row.original.vendorStatus} />
    ),
    meta: {
      label: 'Status',
      isHideable: false,
      headerClassName: 'w-32',
      cardClassName: 'max-sm:col-start-1 max-sm:row-start-1',
    },
  }),
  column.accessor('id', {
    id: 'runId' satisfies RunColumnId,
    header: 'Run',
    cell: ({ row }) => <RunIdCell run={row.original} />,
    meta: {
      label: 'Run ID',
      isHideable: false,
      headerClassName: 'w-48',
      cardClassName:
        'max-sm:col-span-2 max-sm:col-start-2 max-sm:row-start-2 max-sm:justify-self-end max-sm:text-xs',
    },
  }),
  column.accessor('workflowId', {
    id: 'workflow' satisfies RunColumnId,
    header: 'Workflow',
    cell: ({ row, table }) => (
      <WorkflowCell
        run={row.original}
        name={
          row.original.workflowName ??
          table.options.meta?.workflowNames.get(row.original.workflowId)
        }
        words={table.options.meta?.searchWords ?? []}
      />
    ),
    meta: {
      label: 'Workflow',
      isHideable: true,
      cardClassName: 'max-sm:col-start-2 max-sm:row-start-1 max-sm:min-w-0 max-sm:font-medium',
    },
  }),
  // The all-sources view mixes sources: each row says which one it is from.
  column.accessor('source', {
    id: 'source' satisfies RunColumnId,
    header: 'Source',
    cell: ({ getValue, table }) => (
      <SourceCell source={getValue()} label={table.options.meta?.sourceLabels?.get(getValue())} />
    ),
    meta: {
      label: 'Source',
      isHideable: true,
      optionalField: 'source',
      headerClassName: 'w-36',
      cardClassName: 'max-sm:col-span-3 max-sm:row-start-4',
    },
  }),
  column.accessor('startedAt', {
    id: 'startedAt' satisfies RunColumnId,
    header: ({ table }) => sortHeader('started', 'Started', table.options.meta),
    cell: ({ row, table }) => (
      <StartedCell
        run={row.original}
        tz={table.options.meta?.tz ?? 'local'}
        now={table.options.meta?.now ?? 0}
      />
    ),
    meta: {
      label: 'Started',
      isHideable: true,
      sortField: 'started',
      cardClassName:
        'max-sm:col-span-2 max-sm:col-start-1 max-sm:row-start-2 max-sm:text-xs max-sm:text-fg-muted',
    },
  }),
  column.accessor('durationMs', {
    id: 'duration' satisfies RunColumnId,
    header: ({ table }) => sortHeader('duration', 'Duration', table.options.meta),
    cell: ({ row }) => <DurationCell run={row.original} />,
    meta: {
      label: 'Duration',
      isHideable: true,
      headerClassName: 'w-28',
      sortField: 'duration',
      cardClassName: 'max-sm:col-start-3 max-sm:row-start-1 max-sm:justify-self-end',
    },
  }),
  column.accessor('trigger', {
    id: 'trigger' satisfies RunColumnId,
    header: 'Trigger',
    cell: ({ getValue }) => <TriggerCell trigger={getValue()} />,
    meta: {
      label: 'Trigger',
      isHideable: true,
      optionalField: 'trigger',
      cardClassName: 'max-sm:hidden',
    },
  }),
  column.accessor('version', {
    id: 'version' satisfies RunColumnId,
    header: 'Version',
    cell: ({ getValue }) => <TextCell value={getValue()} />,
    meta: {
      label: 'Version',
      isHideable: true,
      optionalField: 'version',
      cardClassName: 'max-sm:hidden',
    },
  }),
  column.accessor('error', {
    id: 'error' satisfies RunColumnId,
    header: 'Error',
    cell: ({ getValue, row, table }) => (
      <ErrorCell
        error={getValue()}
        failedStep={row.original.failedStep}
        words={table.options.meta?.searchWords ?? []}
      />
    ),
    meta: {
      label: 'Error',
      isHideable: true,
      optionalField: 'error',
      cardClassName: 'max-sm:col-span-3 max-sm:row-start-3 max-sm:min-w-0',
    },
  }),
]

/** Optional columns with at least one value on this page (Source: more than one). */
export function availableOptionalColumns(runs: readonly Run[]): Set<OptionalRunField> {
  const fields = new Set<OptionalRunField>()
  // A page of one source's runs needs no Source column; the all-sources view mixes them.
  if (new Set(runs.map((run) => run.source)).size > 1) fields.add('source')
  for (const run of runs) {
    if (run.trigger) fields.add('trigger')
    if (run.version) fields.add('version')
    if (run.error) fields.add('error')
  }
  return fields
}
