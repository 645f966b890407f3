import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { canAccess } from './guard'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** Only these roles may open the route (and see it in the sidebar). */
    roles?: readonly Role[]
    /** i18n key of the page title. */
    title?: string
    /** i18n key of the placeholder description, for screens not built yet. */
    placeholder?: string
  }
}

const ADMIN: readonly Role[] = ['admin']
const AUDIT: readonly Role[] = ['admin', 'office', 'supervisor']
/** Who keeps the ledger: creates, imports, archives projects, and manages departments. */
export const LEDGER_KEEPERS: readonly Role[] = ['admin', 'office']
/** Who may edit projects in their scope (the chain fields stay with the ledger keepers). */
export const PROJECT_EDITORS: readonly Role[] = ['admin', 'office', 'department', 'officer']

const Placeholder = () => import('@/views/PlaceholderView.vue')

/** The business screens not built yet, in sidebar order: placeholders. */
const modules = ['schedule', 'reports', 'lights', 'problems', 'meetings', 'cockpit'] as const

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    path: '/password',
    name: 'password',
    component: () => import('@/views/PasswordView.vue'),
    meta: { title: 'password.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    children: [
      { path: '', name: 'home', redirect: '/projects' },
      {
        path: 'projects',
        meta: { title: 'nav.projects' },
        children: [
          { path: '', name: 'projects', component: () => import('@/views/projects/ProjectsView.vue') },
          {
            path: 'new',
            name: 'project-new',
            component: () => import('@/views/projects/ProjectFormView.vue'),
            meta: { roles: LEDGER_KEEPERS, title: 'projectForm.createTitle' },
          },
          {
            path: 'import',
            name: 'project-import',
            component: () => import('@/views/projects/ImportView.vue'),
            meta: { roles: LEDGER_KEEPERS, title: 'importer.title' },
          },
          {
            path: ':id(\\d+)',
            name: 'project',
            component: () => import('@/views/projects/ProjectView.vue'),
            meta: { title: 'projects.detailTitle' },
          },
          {
            path: ':id(\\d+)/edit',
            name: 'project-edit',
            component: () => import('@/views/projects/ProjectFormView.vue'),
            meta: { roles: PROJECT_EDITORS, title: 'projectForm.editTitle' },
          },
        ],
      },
      ...modules.map((m) => ({
        path: m,
        name: m,
        component: Placeholder,
        meta: { title: `nav.${m}`, placeholder: `placeholder.${m}` },
      })),
      {
        path: 'admin',
        name: 'admin',
        meta: { roles: AUDIT, title: 'nav.admin' },
        redirect: () => (canAccess(useSessionStore().role, LEDGER_KEEPERS) ? '/admin/departments' : '/admin/audit'),
        children: [
          {
            path: 'departments',
            name: 'departments',
            component: () => import('@/views/admin/DepartmentsView.vue'),
            meta: { roles: LEDGER_KEEPERS, title: 'nav.departments' },
          },
          {
            path: 'users',
            name: 'users',
            component: () => import('@/views/admin/UsersView.vue'),
            meta: { roles: ADMIN, title: 'nav.users' },
          },
          {
            path: 'tokens',
            name: 'tokens',
            component: () => import('@/views/admin/TokensView.vue'),
            meta: { roles: ADMIN, title: 'nav.tokens' },
          },
          {
            path: 'audit',
            name: 'audit',
            component: () => import('@/views/admin/AuditView.vue'),
            meta: { roles: AUDIT, title: 'nav.audit' },
          },
        ],
      },
      {
        path: ':rest(.*)*',
        name: 'not-found',
        component: () => import('@/views/NotFoundView.vue'),
        meta: { title: 'notFound.title' },
      },
    ],
  },
]

/** One sidebar entry; `children` make a sub-menu. */
export interface NavItem {
  path: string
  title: string
  icon: string
  roles?: readonly Role[]
  children?: NavItem[]
}

export const nav: NavItem[] = [
  { path: '/projects', title: 'nav.projects', icon: 'FolderOpened' },
  { path: '/schedule', title: 'nav.schedule', icon: 'Calendar' },
  { path: '/reports', title: 'nav.reports', icon: 'EditPen' },
  { path: '/lights', title: 'nav.lights', icon: 'Warning' },
  { path: '/problems', title: 'nav.problems', icon: 'Bell' },
  { path: '/meetings', title: 'nav.meetings', icon: 'ChatDotRound' },
  { path: '/cockpit', title: 'nav.cockpit', icon: 'DataAnalysis' },
  {
    path: '/admin',
    title: 'nav.admin',
    icon: 'Setting',
    roles: AUDIT,
    children: [
      { path: '/admin/departments', title: 'nav.departments', icon: 'OfficeBuilding', roles: LEDGER_KEEPERS },
      { path: '/admin/users', title: 'nav.users', icon: 'User', roles: ADMIN },
      { path: '/admin/tokens', title: 'nav.tokens', icon: 'Key', roles: ADMIN },
      { path: '/admin/audit', title: 'nav.audit', icon: 'Document', roles: AUDIT },
    ],
  },
]
