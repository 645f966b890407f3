// Messages and confirmations. Element Plus services are imported here by hand
// (with their CSS) because the on-demand resolver only sees template tags.
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { ApiError } from '@/api/http'
import { i18n } from '@/i18n'

const t = (key: string, args?: Record<string, unknown>) => i18n.global.t(key, args ?? {})

export function notifySuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true })
}

export function notifyWarning(message: string): void {
  ElMessage({ type: 'warning', message, grouping: true })
}

/** notifyError shows the server's (already localized) message. */
export function notifyError(err: unknown): void {
  const message = err instanceof ApiError || err instanceof Error ? err.message : String(err)
  ElMessage({ type: 'error', message, grouping: true, duration: 5000 })
}

/** confirm resolves to true when the user presses OK. */
export async function confirm(
  message: string,
  type: 'warning' | 'info' = 'warning',
  opts: { title?: string; confirmText?: string } = {},
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, opts.title ?? t('common.warning'), {
      type,
      confirmButtonText: opts.confirmText ?? t('common.confirm'),
      cancelButtonText: t('common.cancel'),
    })
    return true
  } catch {
    return false
  }
}
