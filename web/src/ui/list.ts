import { ref, shallowRef } from 'vue'
import type { Page } from '@/api/types'
import { notifyError } from './feedback'

export const PAGE_SIZES = [20, 50, 100]

export interface PageRequest {
  page: number
  per_page: number
  /** "field" or "-field", as the API takes it; empty for the server's default. */
  sort: string
}

/** What el-table's sort-change event carries. */
export interface TableSort {
  prop: string | null
  order: 'ascending' | 'descending' | null
}

/**
 * usePagedList holds one page of a server list: the rows, the total, the page,
 * the page size and the sort. fetchPage adds the caller's filters.
 */
export function usePagedList<T>(fetchPage: (req: PageRequest) => Promise<Page<T>>, opts: { perPage?: number } = {}) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const size = ref(opts.perPage ?? 20)
  const sort = ref('')
  const loading = ref(false)
  let seq = 0

  async function reload(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const r = await fetchPage({ page: page.value, per_page: size.value, sort: sort.value })
      if (mine !== seq) return // a newer request superseded this one
      items.value = r.items ?? []
      total.value = r.total ?? items.value.length
    } catch (err) {
      if (mine === seq) notifyError(err)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** search goes back to page 1, e.g. after the filters change. */
  function search(): Promise<void> {
    page.value = 1
    return reload()
  }

  /** onSortChange is the handler for el-table's sort-change (sortable="custom"). */
  function onSortChange(s: TableSort): Promise<void> {
    sort.value = s.prop && s.order ? `${s.order === 'descending' ? '-' : ''}${s.prop}` : ''
    return search()
  }

  return { items, total, page, size, loading, reload, search, onSortChange }
}
