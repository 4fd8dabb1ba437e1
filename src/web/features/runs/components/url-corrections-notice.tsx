/** Says, once and in place above the table, which parts of the URL the page could not use. */
import { Button } from '../../../components/ui/button'
import { XIcon } from '../../../components/ui/icons'

export function UrlCorrectionsNotice({
  corrections,
  onDismiss,
}: {
  corrections: readonly string[]
  onDismiss: () => void
}) {
  if (corrections.length === 0) return null
  return (
    <div
      role="status"
      aria-label="Address corrected"
      className="flex items-start gap-2 rounded-md border border-info-line bg-info-bg px-3 py-2 text-info-fg"
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium">Some of this address could not be used:</p>
        <ul className="mt-0.5 list-disc pl-5 break-words">
          {corrections.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      </div>
      <Button
        variant="ghost"
        size="icon"
        className="-my-1 -mr-1.5 size-7"
        aria-label="Dismiss the address notice"
        onClick={onDismiss}
      >
        <XIcon width={14} height={14} />
      </Button>
    </div>
  )
}
