import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as api from '@/api/session'
import { ApiError } from '@/api/http'
import type { Role, User } from '@/api/types'

/** The logged-in user. `loaded` turns true after the first session probe. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const loaded = ref(false)
  let probe: Promise<void> | null = null

  const loggedIn = computed(() => user.value !== null)
  const role = computed<Role | null>(() => user.value?.role ?? null)

  /** load asks the server once who is logged in; later calls reuse the answer. */
  function load(): Promise<void> {
    if (loaded.value) return Promise.resolve()
    probe ??= api
      .currentSession()
      .then((r) => {
        user.value = r.user
      })
      .catch((err) => {
        if (!(err instanceof ApiError && err.isUnauthorized)) throw err
        user.value = null
      })
      .finally(() => {
        loaded.value = true
        probe = null
      })
    return probe
  }

  /** refresh asks the server again, e.g. after an admin reset the password. */
  function refresh(): Promise<void> {
    loaded.value = false
    return load()
  }

  async function login(username: string, password: string): Promise<User> {
    const r = await api.login(username, password)
    user.value = r.user
    loaded.value = true
    return r.user
  }

  async function logout(): Promise<void> {
    try {
      await api.logout()
    } finally {
      clear()
    }
  }

  async function changePassword(current: string, next: string): Promise<void> {
    await api.changePassword(current, next)
    if (user.value) user.value = { ...user.value, must_change_password: false }
  }

  /** clear forgets the user, e.g. when the server answers 401. */
  function clear(): void {
    user.value = null
    loaded.value = true
  }

  return { user, loaded, loggedIn, role, load, refresh, login, logout, changePassword, clear }
})
