import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Below this width (px) the layout is a phone's: collapsed sidebar, one-column forms. */
export const NARROW_WIDTH = 768

/** useNarrow is true while the window is narrower than NARROW_WIDTH. */
export function useNarrow(): Ref<boolean> {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(`(max-width: ${NARROW_WIDTH - 1}px)`) : null
  const narrow = ref(query?.matches ?? false)
  if (query) {
    const onChange = (e: MediaQueryListEvent) => (narrow.value = e.matches)
    query.addEventListener('change', onChange)
    onBeforeUnmount(() => query.removeEventListener('change', onChange))
  }
  return narrow
}
