/** Joins class names, skipping the falsy ones conditionals leave behind. */
export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ')
}
