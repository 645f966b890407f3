import { describe, expect, it } from 'vitest'
import { canAccess, decide, safeRedirect, type GuardRoute } from '@/router/guard'
import type { Role } from '@/api/types'

const route = (path: string, meta: GuardRoute['meta'] = {}, fullPath = path): GuardRoute => ({ path, fullPath, meta })
const user = (role: Role, must_change_password = false) => ({ user: { role, must_change_password } })
const nobody = { user: null }

describe('decide', () => {
  it('lets anyone open public pages', () => {
    expect(decide(route('/login', { public: true }), nobody)).toBe(true)
  })

  it('sends a logged-in user away from the login page', () => {
    expect(decide(route('/login', { public: true }), user('viewer'))).toEqual({ path: '/' })
  })

  it('sends visitors to the login page, remembering where they were going', () => {
    expect(decide(route('/admin/users', {}, '/admin/users?q=li'), nobody)).toEqual({
      path: '/login',
      query: { redirect: '/admin/users?q=li' },
    })
    expect(decide(route('/'), nobody)).toEqual({ path: '/login' })
  })

  it('forces a password change first', () => {
    expect(decide(route('/projects'), user('admin', true))).toEqual({ path: '/password' })
    expect(decide(route('/password'), user('admin', true))).toBe(true)
  })

  it('keeps roles out of routes that are not theirs', () => {
    const adminOnly = { roles: ['admin'] as Role[] }
    expect(decide(route('/admin/users', adminOnly), user('office'))).toEqual({ path: '/' })
    expect(decide(route('/admin/users', adminOnly), user('admin'))).toBe(true)
  })

  it('lets everyone who is logged in open unrestricted pages', () => {
    expect(decide(route('/projects'), user('viewer'))).toBe(true)
  })
})

describe('canAccess', () => {
  it('allows any role when the route names none', () => {
    expect(canAccess('viewer', undefined)).toBe(true)
    expect(canAccess('viewer', [])).toBe(true)
  })

  it('checks the list', () => {
    expect(canAccess('supervisor', ['admin', 'office', 'supervisor'])).toBe(true)
    expect(canAccess('leader', ['admin', 'office', 'supervisor'])).toBe(false)
    expect(canAccess(null, ['admin'])).toBe(false)
  })
})

describe('safeRedirect', () => {
  it('keeps local paths', () => {
    expect(safeRedirect('/admin/users?q=1')).toBe('/admin/users?q=1')
  })

  it('refuses other sites, the login page and junk', () => {
    expect(safeRedirect('//evil.example/x')).toBe('/')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect('/login?redirect=/x')).toBe('/')
    expect(safeRedirect(['/x'])).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
  })
})
