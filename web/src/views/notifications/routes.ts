import type { RouteRecordRaw } from 'vue-router'
import { page, under } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('notifications', 'notifications', () => import('./InboxView.vue'), 'notifications.title'),
  page('notifications/preferences', 'notification-preferences', () => import('./PreferencesView.vue'), 'notificationPrefs.title', undefined, under('/notifications')),
]
