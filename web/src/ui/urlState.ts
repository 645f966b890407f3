// A list page's state lives in its URL (filters, sort, page), so that a
// link or a reload shows the same list. useUrlState keeps the state as the
// URL says and a draft that the filter controls edit; go puts a new state
// in the URL, and the page loads on every change of it. useLatest runs
// loads so that only the newest answer lands.
import { reactive, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { notifyError } from '@/ui/feedback'

export interface UrlStateOptions<S extends object> {
  /** The page is the one showing (its route is current). */
  active: () => boolean
  parse: (q: LocationQuery) => S
  query: (s: S) => LocationQueryRaw
  load: (s: S) => Promise<void>
  /** The route go replaces, when the page serves several. */
  routeName?: () => string
}

export interface UrlState<S extends object> {
  state: S
  draft: S
  /** go shows next: a new URL, or the same list loaded again. */
  go: (next: S) => void
  reload: () => Promise<void>
}

export function useUrlState<S extends object>(o: UrlStateOptions<S>): UrlState<S> {
  const route = useRoute()
  const router = useRouter()
  const state = reactive(o.parse(route.query)) as S
  const draft = reactive({ ...state }) as S
  const reload = () => o.load(state)
  watch(
    () => [route.name, route.query] as const,
    () => {
      if (!o.active()) return
      Object.assign(state, o.parse(route.query))
      Object.assign(draft, state)
      void reload()
    },
    { immediate: true },
  )
  function go(next: S): void {
    const query = o.query(next)
    if (JSON.stringify(query) === JSON.stringify(o.query(state))) {
      void reload()
      return
    }
    void router.replace(o.routeName ? { name: o.routeName(), query } : { query })
  }
  return { state, draft, go, reload }
}

export interface Latest {
  loading: Ref<boolean>
  /** run calls fetch; current() says whether it is still the newest run. */
  run: (fetch: (current: () => boolean) => Promise<void>) => Promise<void>
}

export function useLatest(): Latest {
  const loading = ref(false)
  let seq = 0
  async function run(fetch: (current: () => boolean) => Promise<void>): Promise<void> {
    const mine = ++seq
    const current = () => mine === seq
    loading.value = true
    try {
      await fetch(current)
    } catch (err) {
      if (current()) notifyError(err)
    } finally {
      if (current()) loading.value = false
    }
  }
  return { loading, run }
}
