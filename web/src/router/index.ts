import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
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
    /** Shown in the sidebar menu. */
    menu?: { icon: string; testid: string }
    /** Sidebar entry to highlight on a page that has none (detail pages). */
    activeMenu?: string
  }
}

export const appRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/views/home/HomeView.vue'),
    meta: { title: 'nav.home', menu: { icon: 'HomeFilled', testid: 'nav-home' } },
  },
  {
    path: 'registry/residents',
    name: 'residents',
    component: () => import('@/views/registry/ResidentsView.vue'),
    meta: { title: 'nav.residents', permission: 'registry.read', menu: { icon: 'UserFilled', testid: 'nav-residents' } },
  },
  {
    path: 'registry/residents/:id',
    name: 'resident',
    component: () => import('@/views/registry/ResidentDetailView.vue'),
    meta: { title: 'resident.title', permission: 'registry.read', activeMenu: '/registry/residents' },
  },
  {
    path: 'registry/buildings',
    name: 'buildings',
    component: () => import('@/views/registry/BuildingsView.vue'),
    meta: { title: 'nav.buildings', permission: 'registry.read', menu: { icon: 'OfficeBuilding', testid: 'nav-buildings' } },
  },
  {
    path: 'registry/buildings/:id',
    name: 'building',
    component: () => import('@/views/registry/BuildingDetailView.vue'),
    meta: { title: 'building.detailTitle', permission: 'registry.read', activeMenu: '/registry/buildings' },
  },
  {
    path: 'registry/households/:id',
    name: 'household',
    component: () => import('@/views/registry/HouseholdDetailView.vue'),
    meta: { title: 'household.title', permission: 'registry.read', activeMenu: '/registry/buildings' },
  },
  {
    path: 'registry/assets',
    name: 'assets',
    component: () => import('@/views/registry/AssetsView.vue'),
    meta: { title: 'nav.assets', permission: 'registry.read', menu: { icon: 'SetUp', testid: 'nav-assets' } },
  },
  {
    path: 'registry/import',
    name: 'import',
    component: () => import('@/views/registry/ImportView.vue'),
    meta: { title: 'nav.import', permission: 'registry.import', menu: { icon: 'Upload', testid: 'nav-import' } },
  },
  {
    path: 'reports',
    name: 'reports',
    component: () => import('@/views/reports/ReportView.vue'),
    meta: { title: 'nav.reports', permission: 'reports.run', menu: { icon: 'DataAnalysis', testid: 'nav-reports' } },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('@/views/auth/UsersView.vue'),
    meta: { title: 'nav.users', permission: 'users.read', menu: { icon: 'User', testid: 'nav-users' } },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/views/audit/AuditView.vue'),
    meta: { title: 'nav.audit', permission: 'audit.read', menu: { icon: 'Document', testid: 'nav-audit' } },
  },
  {
    path: '403',
    name: 'forbidden',
    component: () => import('@/views/error/ForbiddenView.vue'),
    meta: { title: 'forbidden.title' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/NotFoundView.vue'),
    meta: { title: 'notFound.title' },
  },
]

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/LoginView.vue'),
    meta: { title: 'login.submit', public: true },
  },
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
