import { http } from './http'
import type { User } from './types'

const base = '/api/v1/session'

export function login(username: string, password: string): Promise<{ user: User }> {
  return http.post(base, { username, password }, { allowUnauthorized: true })
}

export function currentSession(): Promise<{ user: User }> {
  return http.get(base, undefined, { allowUnauthorized: true })
}

export function logout(): Promise<void> {
  return http.delete(base, { allowUnauthorized: true })
}

export function changePassword(current_password: string, new_password: string): Promise<void> {
  return http.put(`${base}/password`, { current_password, new_password })
}
