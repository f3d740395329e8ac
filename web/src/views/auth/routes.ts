import { Lock, User } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('users', 'users', () => import('./UsersView.vue'), 'nav.users', 'users.read', nav(User, 'nav-users', 160, 'admin')),
  page('tokens', 'tokens', () => import('./TokensView.vue'), 'nav.tokens', 'users.manage', nav(Lock, 'nav-tokens', 170, 'admin')),
]
