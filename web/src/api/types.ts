// Types of the JSON API (snake_case, as on the wire).

export const ROLES = ['admin', 'office', 'leader', 'department', 'officer', 'owner', 'supervisor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const DEPARTMENT_KINDS = ['bureau', 'town', 'owner', 'office', 'other'] as const
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number]

export interface Page<T> {
  items: T[]
  total: number
  page: number
  per_page: number
}

export interface PageQuery {
  page?: number
  per_page?: number
  sort?: string
}

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  department_id: number | null
  department_name: string
  phone: string
  active: boolean
  must_change_password: boolean
  last_login_at: string | null
  created_at: string
  updated_at: string
  version: number
}

export interface Department {
  id: number
  name: string
  code: string
  kind: DepartmentKind
  head: string
  phone: string
  active: boolean
  created_at: string
  updated_at: string
  version: number
}

export interface Token {
  id: number
  name: string
  user_id: number
  username: string
  prefix: string
  created_at: string
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
}

export interface AuditEntry {
  id: number
  at: string
  user_id: number | null
  username: string
  action: string
  entity: string
  entity_id: string | number | null
  changes: Record<string, [unknown, unknown]> | null
  request_id: string
  ip: string
}
