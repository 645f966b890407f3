import { reactive } from 'vue'
import { ApiError } from '@/api/http'
import { notifyError } from './feedback'

/**
 * useFieldErrors keeps the server's per-field messages for a form; bind
 * `:error="errors.name"` on el-form-item.
 */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({})

  function clear(): void {
    for (const k of Object.keys(errors)) delete errors[k]
  }

  /** show displays err: field messages under the fields, the message on top. */
  function show(err: unknown): void {
    clear()
    if (err instanceof ApiError) Object.assign(errors, err.fields)
    notifyError(err)
  }

  return { errors, clear, show }
}
