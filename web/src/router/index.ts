import { createRouter, createWebHistory, type RouteMeta, type RouteRecordRaw, type RouteRecordSingleView } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { t } from '@/locales'
import AppLayout from '@/layout/AppLayout.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Locale key of the page title. */
    title?: string
    /** Pages reachable without a session. */
    public?: boolean
    /** The action the user must hold (user.permissions) to open the page. */
    permission?: string
    /** Shown in the sidebar menu (`residentTitle`: the entry's title for residents). */
    menu?: { icon: string; testid: string; residentTitle?: string }
    /** Sidebar entry to highlight on a page that has none (detail pages). */
    activeMenu?: string
  }
}

/** A page of the app: its route name, lazy view, title key, and the permission it needs (if any). */
function page(
  path: string,
  name: string,
  view: RouteRecordSingleView['component'],
  title: string,
  permission?: string,
  meta: RouteMeta = {},
): RouteRecordSingleView {
  return { path, name, component: view, meta: permission ? { title, permission, ...meta } : { title, ...meta } }
}
/** Shown in the sidebar menu. */
const nav = (icon: string, testid: string, residentTitle?: string): RouteMeta => ({ menu: { icon, testid, residentTitle } })
/** A detail page highlights the sidebar entry of its list. */
const under = (activeMenu: string): RouteMeta => ({ activeMenu })

const READ = 'registry.read'

export const appRoutes: RouteRecordRaw[] = [
  page('', 'home', () => import('@/views/home/HomeView.vue'), 'nav.home', undefined, nav('HomeFilled', 'nav-home')),
  page('requests/new', 'request-new', () => import('@/views/requests/FileRequestView.vue'), 'nav.fileRequest', 'requests.file', nav('EditPen', 'nav-request-file')),
  page('requests', 'requests', () => import('@/views/requests/RequestsView.vue'), 'nav.requests', 'requests.read', nav('Tickets', 'nav-requests', 'nav.myRequests')),
  page('requests/followups', 'request-followups', () => import('@/views/requests/FollowupsView.vue'), 'nav.requestFollowups', 'requests.handle', nav('Phone', 'nav-request-followups')),
  page('requests/calendar', 'request-calendar', () => import('@/views/requests/RequestCalendarView.vue'), 'nav.requestCalendar', 'requests.configure', nav('Calendar', 'nav-request-calendar')),
  page('requests/workload', 'request-workload', () => import('@/views/requests/WorkloadView.vue'), 'nav.requestWorkload', 'requests.assign', nav('Histogram', 'nav-request-workload')),
  page('requests/:id', 'request', () => import('@/views/requests/RequestDetailView.vue'), 'requests.detailTitle', 'requests.read', under('/requests')),
  page('visits', 'visits', () => import('@/views/visits/VisitsView.vue'), 'nav.visits', READ, nav('Location', 'nav-visits')),
  page('visits/residents/:id', 'visit-resident', () => import('@/views/visits/VisitResidentView.vue'), 'visits.residentTitle', READ, under('/visits')),
  page('registry/residents', 'residents', () => import('@/views/registry/ResidentsView.vue'), 'nav.residents', READ, nav('UserFilled', 'nav-residents')),
  page('registry/residents/:id', 'resident', () => import('@/views/registry/ResidentDetailView.vue'), 'resident.title', READ, under('/registry/residents')),
  page('registry/buildings', 'buildings', () => import('@/views/registry/BuildingsView.vue'), 'nav.buildings', READ, nav('OfficeBuilding', 'nav-buildings')),
  page('registry/buildings/:id', 'building', () => import('@/views/registry/BuildingDetailView.vue'), 'building.detailTitle', READ, under('/registry/buildings')),
  page('registry/households/:id', 'household', () => import('@/views/registry/HouseholdDetailView.vue'), 'household.title', READ, under('/registry/buildings')),
  page('registry/assets', 'assets', () => import('@/views/registry/AssetsView.vue'), 'nav.assets', READ, nav('SetUp', 'nav-assets')),
  page('reminders', 'reminders', () => import('@/views/reminders/RemindersView.vue'), 'nav.reminders', READ, nav('AlarmClock', 'nav-reminders')),
  page('registry/import', 'import', () => import('@/views/registry/ImportView.vue'), 'nav.import', 'registry.import', nav('Upload', 'nav-import')),
  page('reports', 'reports', () => import('@/views/reports/ReportView.vue'), 'nav.reports', 'reports.run', nav('DataAnalysis', 'nav-reports')),
  page('notices/new', 'notice-new', () => import('@/views/notices/NoticeComposeView.vue'), 'nav.noticeNew', 'notices.send', nav('Promotion', 'nav-notice-new')),
  page('notices', 'notices', () => import('@/views/notices/NoticesView.vue'), 'nav.notices', 'notices.send', nav('Message', 'nav-notices')),
  page('notices/:id', 'notice', () => import('@/views/notices/NoticeReportView.vue'), 'notices.reportTitle', 'notices.send', under('/notices')),
  page('notifications', 'notifications', () => import('@/views/notifications/InboxView.vue'), 'notifications.title'),
  page('notifications/preferences', 'notification-preferences', () => import('@/views/notifications/PreferencesView.vue'), 'notificationPrefs.title', undefined, under('/notifications')),
  page('users', 'users', () => import('@/views/auth/UsersView.vue'), 'nav.users', 'users.read', nav('User', 'nav-users')),
  page('tokens', 'tokens', () => import('@/views/auth/TokensView.vue'), 'nav.tokens', 'users.manage', nav('Lock', 'nav-tokens')),
  page('audit', 'audit', () => import('@/views/audit/AuditView.vue'), 'nav.audit', 'audit.read', nav('Document', 'nav-audit')),
  page('403', 'forbidden', () => import('@/views/error/ForbiddenView.vue'), 'forbidden.title'),
  page(':pathMatch(.*)*', 'not-found', () => import('@/views/error/NotFoundView.vue'), 'notFound.title'),
]

const routes: RouteRecordRaw[] = [
  page('/login', 'login', () => import('@/views/login/LoginView.vue'), 'login.submit', undefined, { public: true }),
  { path: '/', component: AppLayout, children: appRoutes },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.checked) {
    try {
      await auth.restore()
    } catch {
      /* server unreachable: treat as signed out; the login page shows the error on submit */
      auth.clear()
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && auth.isLoggedIn) {
      const redirect = typeof to.query.redirect === 'string' ? to.query.redirect : '/'
      return safeRedirect(redirect)
    }
    return true
  }
  if (!auth.isLoggedIn) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.meta.permission && !auth.can(to.meta.permission)) {
    return { name: 'forbidden', replace: true }
  }
  return true
})

router.afterEach((to) => {
  const title = to.meta.title ? t(to.meta.title) : ''
  document.title = title ? `${title} · ${t('app.name')}` : t('app.name')
})

/** Only same-app paths are followed after login (no open redirect). */
export function safeRedirect(target: unknown): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return '/'
  if (target.startsWith('/login')) return '/'
  return target
}

/** Used by the request wrapper when the server answers 401. */
export function goToLogin() {
  const auth = useAuthStore()
  auth.clear()
  const current = router.currentRoute.value
  if (current.name === 'login') return
  const redirect = current.fullPath
  router.replace({ name: 'login', query: redirect && redirect !== '/' ? { redirect } : {} })
}
