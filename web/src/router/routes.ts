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
/** Who reads supervision orders (officers and owners see none). */
const ORDER_READERS: readonly Role[] = ['admin', 'office', 'leader', 'supervisor', 'viewer', 'department']
/** Who records meetings and site visits. */
const MEETING_RECORDERS: readonly Role[] = ['admin', 'office', 'leader', 'officer']

const Placeholder = () => import('@/views/PlaceholderView.vue')

/** The business screens not built yet, in sidebar order: placeholders. */
const modules: readonly string[] = []

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
    path: '/cockpit/briefing',
    name: 'cockpit-briefing',
    component: () => import('@/views/cockpit/BriefingView.vue'),
    meta: { title: 'briefing.pageTitle' },
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
          {
            path: ':id(\\d+)/schedule',
            name: 'project-schedule',
            component: () => import('@/views/schedule/ProjectScheduleView.vue'),
            meta: { title: 'projectSchedule.title' },
          },
        ],
      },
      // 调度填报 and 三色预警 (dispatch)
      {
        path: 'reports',
        meta: { title: 'nav.reports' },
        children: [
          { path: '', name: 'reports', component: () => import('@/views/reports/ReportsView.vue') },
          { path: ':id(\\d+)', name: 'report', component: () => import('@/views/reports/ReportView.vue'), meta: { title: 'dispatch.report.title' } },
          {
            path: 'periods',
            meta: { title: 'dispatch.periods.title' },
            children: [
              { path: '', name: 'periods', component: () => import('@/views/reports/PeriodsView.vue') },
              { path: ':id(\\d+)', name: 'period', component: () => import('@/views/reports/PeriodView.vue'), meta: { title: 'dispatch.period.title' } },
            ],
          },
          { path: 'figures', name: 'figures', component: () => import('@/views/reports/FiguresView.vue'), meta: { title: 'dispatch.figures.title' } },
        ],
      },
      {
        path: 'lights',
        meta: { title: 'nav.lights' },
        children: [
          { path: '', name: 'lights', component: () => import('@/views/lights/LightsView.vue') },
          { path: 'rules', name: 'light-rules', component: () => import('@/views/lights/RulesView.vue'), meta: { roles: LEDGER_KEEPERS, title: 'dispatch.rules.title' } },
        ],
      },
      {
        path: 'problems',
        meta: { title: 'nav.problems' },
        children: [
          { path: '', name: 'problems', component: () => import('@/views/problems/ProblemsView.vue') },
          {
            path: 'mine',
            name: 'problems-mine',
            component: () => import('@/views/problems/ProblemsView.vue'),
            meta: { title: 'problems.mineTitle' },
          },
          {
            path: 'supervision',
            name: 'supervision',
            component: () => import('@/views/problems/SupervisionView.vue'),
            meta: { roles: ORDER_READERS, title: 'supervision.title' },
          },
          {
            path: ':id(\\d+)',
            name: 'problem',
            component: () => import('@/views/problems/ProblemView.vue'),
            meta: { title: 'problems.detailTitle' },
          },
        ],
      },
      {
        path: 'supervision/orders/:id(\\d+)',
        redirect: (to) => ({ path: '/problems/supervision', query: { order: String(to.params.id) } }),
      },
      {
        path: 'meetings',
        meta: { title: 'nav.meetings' },
        children: [
          { path: '', name: 'meetings', component: () => import('@/views/meetings/MeetingsView.vue') },
          {
            path: 'new',
            name: 'meeting-new',
            component: () => import('@/views/meetings/MeetingFormView.vue'),
            meta: { roles: MEETING_RECORDERS, title: 'meetings.createTitle' },
          },
          {
            path: 'visits/new',
            name: 'visit-new',
            component: () => import('@/views/meetings/VisitFormView.vue'),
            meta: { roles: MEETING_RECORDERS, title: 'visits.createTitle' },
          },
        ],
      },
      { path: 'cockpit', name: 'cockpit', component: () => import('@/views/cockpit/CockpitView.vue'), meta: { title: 'nav.cockpit' } },
      // 挂图作战 (schedule)
      { path: 'schedule', name: 'schedule', component: () => import('@/views/schedule/BattleMapView.vue'), meta: { title: 'nav.schedule' } },
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
          {
            path: 'calendar',
            name: 'calendar',
            component: () => import('@/views/admin/CalendarView.vue'),
            meta: { roles: ADMIN, title: 'schedule.navCalendar' },
          },
          {
            path: 'reminders',
            name: 'reminders',
            component: () => import('@/views/schedule/ReminderSettingsView.vue'),
            meta: { roles: LEDGER_KEEPERS, title: 'schedule.navReminders' },
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
      { path: '/admin/calendar', title: 'schedule.navCalendar', icon: 'Calendar', roles: ADMIN },
      { path: '/admin/reminders', title: 'schedule.navReminders', icon: 'Bell', roles: LEDGER_KEEPERS },
    ],
  },
]
