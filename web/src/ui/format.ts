// Display formats. Times arrive as RFC 3339 strings and are shown in local
// time, the way offices write them: 2025-03-18 09:30.

const pad = (n: number) => String(n).padStart(2, '0')

export function formatDateTime(v: string | null | undefined): string {
  if (!v) return ''
  const d = new Date(v)
  if (Number.isNaN(d.getTime())) return v
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function formatDate(v: string | null | undefined): string {
  return formatDateTime(v).slice(0, 10)
}

/** formatValue renders one side of an audit change. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅'
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

/**
 * changeLines turns {field: [before, after]} into "field: before → after"
 * lines; label and value let the caller localize names and values.
 */
export function changeLines(
  changes: Record<string, unknown> | null | undefined,
  label: (field: string) => string = (f) => f,
  value: (v: unknown, field: string) => string = formatValue,
): string[] {
  if (!changes) return []
  return Object.entries(changes).map(([field, pair]) => {
    if (Array.isArray(pair) && pair.length === 2) {
      return `${label(field)}: ${value(pair[0], field)} → ${value(pair[1], field)}`
    }
    return `${label(field)}: ${value(pair, field)}`
  })
}
