// The navigation rules, kept free of Vue so that they can be unit-tested.
import type { Role } from '@/api/types'

export interface GuardRoute {
  name?: string | symbol | null
  path: string
  fullPath: string
  meta: { public?: boolean; roles?: readonly Role[] }
}

export interface GuardSession {
  user: { role: Role; must_change_password: boolean } | null
}

export type GuardResult = true | { path: string; query?: Record<string, string> }

export const LOGIN_PATH = '/login'
export const PASSWORD_PATH = '/password'
export const HOME_PATH = '/'

/** canAccess says whether role may open a route limited to roles. */
export function canAccess(role: Role | null | undefined, roles?: readonly Role[]): boolean {
  if (!roles || roles.length === 0) return true
  return !!role && roles.includes(role)
}

/**
 * decide returns true to let the navigation through or the place to go instead:
 * not logged in → login (remembering where the user wanted to go); a password
 * that must change → the change-password page; a route for other roles → home.
 */
export function decide(to: GuardRoute, session: GuardSession): GuardResult {
  const user = session.user
  if (to.meta.public) {
    if (user && to.path === LOGIN_PATH) return { path: HOME_PATH }
    return true
  }
  if (!user) {
    const redirect = to.fullPath
    if (!redirect || redirect === HOME_PATH) return { path: LOGIN_PATH }
    return { path: LOGIN_PATH, query: { redirect } }
  }
  if (user.must_change_password && to.path !== PASSWORD_PATH) return { path: PASSWORD_PATH }
  if (!canAccess(user.role, to.meta.roles)) return { path: HOME_PATH }
  return true
}

/** safeRedirect keeps a ?redirect= target only if it is a local path. */
export function safeRedirect(v: unknown): string {
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith(LOGIN_PATH)) {
    return HOME_PATH
  }
  return v
}
