// today (今日待办): the home page's work for the caller. Contract: docs/http-api.md, "Today".
import { http } from './http'

export interface TodayItem {
  /** new_work, my_open, my_overdue, visits_due, …: the label's key (views/home/locales). */
  key: string
  count: number
  /** The page listing exactly these (its total equals `count`). */
  link: string
  /** Overdue, escalated, missed: red when count > 0. */
  alert: boolean
}

export interface TodayRequest {
  id: string
  number: string
  status: string
  category_name: string
  description: string
  address: string
  priority: string
  resolve_due: string
  overdue: boolean
  /** Assigned and not yet received (签收). */
  new: boolean
  escalation: { level: number; color: string } | null
}

export interface TodayPerson {
  user_id: string
  display_name: string
  role: string
  open: number
  overdue: number
  on_leave: boolean
}

export interface TodayCommunity {
  id: string
  name: string
  open: number
  overdue: number
  escalated: number
  awaiting_report_in: number
  rated: number
  /** Mean rating of this month's closed requests; null when none was rated. */
  satisfaction: number | null
}

export interface Today {
  role: string
  items: TodayItem[]
  requests: TodayRequest[]
  requests_link: string
  people: TodayPerson[]
  communities: TodayCommunity[]
}

export const getToday = () => http.get<Today>('/api/v1/today')
