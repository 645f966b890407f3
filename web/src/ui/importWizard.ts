// The three steps every sheet import takes (the ledger, a period's
// figures): choose a file, the server's dry run row by row, then the
// import, all or nothing. A refused import (422) answers with its preview,
// which the wizard shows again with the reason.
import { computed, ref, shallowRef, useTemplateRef, type Ref, type ShallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { UploadFile, UploadInstance, UploadRawFile } from 'element-plus'
import { ApiError } from '@/api/http'
import { notifyError, notifySuccess } from '@/ui/feedback'

/** Largest sheet the server takes (maxUpload), and the kinds it reads. */
export const MAX_SHEET_BYTES = 32 << 20
export const SHEET_TYPES = ['.xlsx', '.xls', '.csv']

/** Why a file cannot be sent ('' when it can), as i18n keys. */
export function sheetProblem(f: { name: string; size: number }): '' | 'importer.wrongType' | 'importer.tooLarge' {
  const name = f.name.toLowerCase()
  if (!SHEET_TYPES.some((ext) => name.endsWith(ext))) return 'importer.wrongType'
  if (f.size > MAX_SHEET_BYTES) return 'importer.tooLarge'
  return ''
}

export interface ImportWizardOptions<P extends { summary: unknown }> {
  /** Sends the file: a dry run or the import itself. */
  send: (file: File, dryRun: boolean) => Promise<P>
  /** The preview has errors that refuse the import. */
  refused: (p: P | null) => boolean
  /** i18n key of the message once imported. */
  committedKey: string
  onCommitted?: () => void
}

export interface ImportWizard<P> {
  step: Ref<number>
  file: ShallowRef<File | null>
  preview: ShallowRef<P | null>
  result: ShallowRef<P | null>
  busy: Ref<'' | 'preview' | 'commit'>
  failure: Ref<string>
  blocked: Readonly<Ref<boolean>>
  onFile: (u: UploadFile) => void
  runPreview: () => Promise<void>
  commit: () => Promise<void>
  restart: () => void
}

export function useImportWizard<P extends { summary: unknown }>(o: ImportWizardOptions<P>): ImportWizard<P> {
  const { t } = useI18n()
  const step = ref(0)
  const file = shallowRef<File | null>(null)
  const preview = shallowRef(null) as ShallowRef<P | null>
  const result = shallowRef(null) as ShallowRef<P | null>
  const busy = ref<'' | 'preview' | 'commit'>('')
  const failure = ref('')
  // The page's <el-upload ref="upload">, cleared for the next choice.
  const upload = useTemplateRef<UploadInstance>('upload')
  const blocked = computed(() => o.refused(preview.value))

  function onFile(u: UploadFile): void {
    upload.value?.clearFiles()
    const raw = u.raw as UploadRawFile | undefined
    if (!raw) return
    const bad = sheetProblem(raw)
    if (bad) {
      notifyError(new Error(t(bad)))
      return
    }
    file.value = raw
    void runPreview()
  }

  async function runPreview(): Promise<void> {
    if (!file.value) return
    busy.value = 'preview'
    failure.value = ''
    try {
      preview.value = await o.send(file.value, true)
      step.value = 1
    } catch (err) {
      notifyError(err)
    } finally {
      busy.value = ''
    }
  }

  async function commit(): Promise<void> {
    if (!file.value || blocked.value) return
    busy.value = 'commit'
    failure.value = ''
    try {
      result.value = await o.send(file.value, false)
      step.value = 2
      notifySuccess(t(o.committedKey))
      o.onCommitted?.()
    } catch (err) {
      // 422: the sheet is refused after all; the answer is the preview.
      if (err instanceof ApiError && err.payload && typeof err.payload === 'object' && 'summary' in err.payload) {
        preview.value = err.payload as P
      }
      failure.value = err instanceof Error ? err.message : String(err)
      notifyError(err)
    } finally {
      busy.value = ''
    }
  }

  function restart(): void {
    file.value = null
    preview.value = null
    result.value = null
    failure.value = ''
    step.value = 0
  }

  return { step, file, preview, result, busy, failure, blocked, onFile, runPreview, commit, restart }
}
