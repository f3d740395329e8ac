import { Calendar, CollectionTag, EditPen, Histogram, Phone, Tickets } from '@element-plus/icons-vue'
import type { RouteRecordRaw } from 'vue-router'
import { page, nav, under } from '@/router/page'

export const routes: RouteRecordRaw[] = [
  page('requests/new', 'request-new', () => import('./FileRequestView.vue'), 'nav.fileRequest', 'requests.file', nav(EditPen, 'nav-request-file', 20, 'requests')),
  page('requests', 'requests', () => import('./RequestsView.vue'), 'nav.requests', 'requests.read', nav(Tickets, 'nav-requests', 30, 'requests', 'nav.myRequests')),
  page('requests/followups', 'request-followups', () => import('./FollowupsView.vue'), 'nav.requestFollowups', 'requests.handle', nav(Phone, 'nav-request-followups', 40, 'requests')),
  page('requests/calendar', 'request-calendar', () => import('./RequestCalendarView.vue'), 'nav.requestCalendar', 'requests.configure', nav(Calendar, 'nav-request-calendar', 50, 'requests')),
  page('requests/keywords', 'request-keywords', () => import('./CategoryKeywordsView.vue'), 'nav.requestKeywords', 'requests.keywords', nav(CollectionTag, 'nav-request-keywords', 55, 'requests')),
  page('requests/workload', 'request-workload', () => import('./WorkloadView.vue'), 'nav.requestWorkload', 'requests.assign', nav(Histogram, 'nav-request-workload', 60, 'requests')),
  page('requests/:id', 'request', () => import('./RequestDetailView.vue'), 'requests.detailTitle', 'requests.read', under('/requests')),
]
