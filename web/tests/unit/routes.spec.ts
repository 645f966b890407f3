import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { canAccess, decide } from '@/router/guard'
import { nav, routes, type NavItem } from '@/router/routes'

/** The route record at a full path ("/admin/departments"), with its parents' paths joined. */
function find(path: string, rs: RouteRecordRaw[] = routes, prefix = ''): RouteRecordRaw | undefined {
  for (const r of rs) {
    const full = r.path.startsWith('/') ? r.path : `${prefix.replace(/\/$/, '')}/${r.path}`.replace(/\/$/, '') || '/'
    if (full === path) return r
    const inner = r.children && find(path, r.children, full)
    if (inner) return inner
  }
  return undefined
}

const visible = (role: Role, items: NavItem[] = nav): string[] =>
  items.filter((i) => canAccess(role, i.roles)).flatMap((i) => [i.path, ...(i.children ? visible(role, i.children) : [])])

const opens = (path: string, role: Role) => {
  const r = find(path)
  expect(r, path).toBeDefined()
  return decide({ path, fullPath: path, meta: r!.meta ?? {} }, { user: { role, must_change_password: false } }) === true
}

describe('who sees what', () => {
  it('gives the office the departments page, but not users or tokens', () => {
    expect(visible('office')).toEqual(expect.arrayContaining(['/admin', '/admin/departments', '/admin/audit']))
    expect(visible('office')).not.toContain('/admin/users')
    expect(visible('office')).not.toContain('/admin/tokens')
    expect(opens('/admin/departments', 'office')).toBe(true)
    expect(opens('/admin/users', 'office')).toBe(false)
    expect(opens('/admin/tokens', 'office')).toBe(false)
    expect(opens('/admin/departments', 'supervisor')).toBe(false)
  })

  it('lets only the ledger keepers create and import, and editors edit', () => {
    for (const role of ['admin', 'office'] as Role[]) {
      expect(opens('/projects/new', role), role).toBe(true)
      expect(opens('/projects/import', role), role).toBe(true)
    }
    for (const role of ['department', 'officer', 'leader', 'viewer'] as Role[]) {
      expect(opens('/projects/new', role), role).toBe(false)
      expect(opens('/projects/import', role), role).toBe(false)
    }
    expect(opens('/projects/:id(\\d+)/edit', 'department')).toBe(true)
    expect(opens('/projects/:id(\\d+)/edit', 'viewer')).toBe(false)
    expect(opens('/projects/:id(\\d+)', 'viewer')).toBe(true)
    expect(opens('/projects', 'viewer')).toBe(true)
  })
})
