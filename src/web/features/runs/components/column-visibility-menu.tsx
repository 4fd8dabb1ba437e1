/**
 * Which columns show. The choice is remembered per browser; columns the current page has no
 * data for are listed but disabled, so the menu explains why they are missing.
 */
import { ColumnsIcon } from '../../../components/ui/icons'
import { Popover } from '../../../components/ui/popover'
import { isRunColumnId, runColumns, type OptionalRunField, type RunColumnId } from './columns'

export function ColumnVisibilityMenu({
  hiddenColumns,
  availableFields,
  onHiddenColumnsChange,
}: {
  hiddenColumns: readonly RunColumnId[]
  availableFields: ReadonlySet<OptionalRunField>
  onHiddenColumnsChange: (hidden: RunColumnId[]) => void
}) {
  return (
    <Popover
      align="end"
      panelLabel="Columns"
      triggerLabel="Columns"
      trigger={
        <>
          <ColumnsIcon width={15} height={15} className="text-fg-muted" />
          <span className="hidden sm:inline">Columns</span>
        </>
      }
    >
      <div className="flex flex-col">
        {runColumns.map((column) => {
          const meta = column.meta
          const id = column.id
          if (!meta?.isHideable || !id || !isRunColumnId(id)) return null
          const isUnavailable =
            meta.optionalField !== undefined && !availableFields.has(meta.optionalField)
          const isHidden = hiddenColumns.some((hidden) => hidden === id)
          return (
            <label
              key={id}
              className="flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 hover:bg-surface-muted has-disabled:cursor-default has-disabled:text-fg-subtle has-disabled:hover:bg-transparent"
            >
              <input
                type="checkbox"
                checked={!isHidden && !isUnavailable}
                disabled={isUnavailable}
                onChange={() =>
                  onHiddenColumnsChange(
                    isHidden
                      ? hiddenColumns.filter((hidden) => hidden !== id)
                      : [...hiddenColumns, id],
                  )
                }
                className="size-4 accent-[var(--accent)]"
              />
              <span className="flex-1">{meta.label}</span>
              {isUnavailable && <span className="text-xs">no data</span>}
            </label>
          )
        })}
      </div>
    </Popover>
  )
}
