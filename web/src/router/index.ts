import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { t } from '@/locales'
import AppLayout from '@/layout/AppLayout.vue'
import type { RouteModule } from './page'

/**
 * Every view folder's `routes.ts` (see `router/page.ts`): its pages inside the layout and any of
 * their own outside it. Paths are distinct, so the order they are collected in does not matter
 * (Vue Router ranks paths; the sidebar sorts by `meta.menu.order`).
 */
const modules = Object.values(import.meta.glob<RouteModule>('../views/*/routes.ts', { eager: true }))

export const appRoutes: RouteRecordRaw[] = modules.flatMap((m) => m.routes ?? [])

const routes: RouteRecordRaw[] = [
  ...modules.flatMap((m) => m.standalone ?? []),
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
