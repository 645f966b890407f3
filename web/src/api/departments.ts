import { http } from './http'
import type { Department, DepartmentKind, Page, PageQuery } from './types'

export interface DepartmentFilter extends PageQuery {
  q?: string
  kind?: DepartmentKind | ''
  active?: boolean | null
}

export interface DepartmentInput {
  name: string
  code: string
  kind: DepartmentKind
  head: string
  phone: string
}

export interface DepartmentPatch extends Partial<DepartmentInput> {
  active?: boolean
  version: number
}

const base = '/api/v1/departments'

export const listDepartments = (f: DepartmentFilter = {}) => http.get<Page<Department>>(base, { ...f })
export const getDepartment = (id: number) => http.get<Department>(`${base}/${id}`)
export const createDepartment = (d: DepartmentInput) => http.post<Department>(base, d)
export const updateDepartment = (id: number, p: DepartmentPatch) => http.patch<Department>(`${base}/${id}`, p)
