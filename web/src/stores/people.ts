import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listUsers } from '@/api/users'
import type { Role, User } from '@/api/types'

const PER_PAGE = 100
const MAX_PAGES = 20

/** The users of one role (leaders, officers) for the pickers of the project screens. */
export const usePeopleStore = defineStore('people', () => {
  const byRole = ref<Partial<Record<Role, User[]>>>({})
  const pending = new Map<Role, Promise<User[]>>()

  async function fetchRole(role: Role): Promise<User[]> {
    const out: User[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = await listUsers({ role, page, per_page: PER_PAGE, sort: 'display_name' })
      out.push(...(r.items ?? []))
      if (!r.items?.length || out.length >= r.total) break
    }
    byRole.value = { ...byRole.value, [role]: out }
    return out
  }

  /** ensure loads a role's users once; later calls reuse them. */
  function ensure(role: Role): Promise<User[]> {
    const have = byRole.value[role]
    if (have) return Promise.resolve(have)
    let p = pending.get(role)
    if (!p) {
      p = fetchRole(role).finally(() => pending.delete(role))
      pending.set(role, p)
    }
    return p
  }

  function list(role: Role): User[] {
    return byRole.value[role] ?? []
  }

  return { byRole, ensure, list }
})
