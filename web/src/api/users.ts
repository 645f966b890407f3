import { http } from './http'
import type { Page, PageQuery, Role, User } from './types'

export interface UserFilter extends PageQuery {
  q?: string
  role?: Role | ''
  department_id?: number | null
  active?: boolean | null
}

export interface UserCreate {
  username: string
  display_name: string
  role: Role
  department_id: number | null
  phone: string
  password: string
}

export interface UserPatch {
  display_name?: string
  role?: Role
  department_id?: number | null
  phone?: string
  active?: boolean
  version: number
}

const base = '/api/v1/users'

export const listUsers = (f: UserFilter = {}) => http.get<Page<User>>(base, { ...f })
export const getUser = (id: number) => http.get<User>(`${base}/${id}`)
export const createUser = (u: UserCreate) => http.post<User>(base, u)
export const updateUser = (id: number, p: UserPatch) => http.patch<User>(`${base}/${id}`, p)
export const resetUserPassword = (id: number, password: string) =>
  http.post<void>(`${base}/${id}/password`, { password })
