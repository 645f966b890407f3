import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listDepartments } from '@/api/departments'
import type { Department } from '@/api/types'

const PER_PAGE = 100
const MAX_PAGES = 50

/** All departments, for the pickers in other screens. Loaded once, refreshed on demand. */
export const useDepartmentsStore = defineStore('departments', () => {
  const all = ref<Department[]>([])
  const loaded = ref(false)

  async function refresh(): Promise<void> {
    const out: Department[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = await listDepartments({ page, per_page: PER_PAGE, sort: 'name' })
      out.push(...r.items)
      if (r.items.length === 0 || out.length >= r.total) break
    }
    all.value = out
    loaded.value = true
  }

  async function ensure(): Promise<void> {
    if (!loaded.value) await refresh()
  }

  return { all, loaded, refresh, ensure }
})
