// The street's business calendar (办理日历: holidays and make-up workdays that move request
// deadlines) and the escalation levels (吹哨). Contract: docs/http-api.md, "Requests (诉求工单)".
import { http } from './http'

/** holiday: a weekday off; workday: a weekend day worked (调休). `normal` drops the exception. */
export type CalendarKind = 'holiday' | 'workday'
export const CALENDAR_KINDS = ['holiday', 'workday', 'normal'] as const
export type CalendarSetKind = (typeof CALENDAR_KINDS)[number]

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string
  kind: CalendarKind
}

export interface EscalationLevel {
  level: number
  color: string
  called: string
  called_en: string
  report_in_hours: number
}

const R = '/api/v1/requests'

export const listCalendar = (year: number) => http.get<{ items: CalendarDay[] }>(`${R}/calendar`, { year })

export const setCalendarDay = (date: string, kind: CalendarSetKind) =>
  http.put<{ date: string; kind: CalendarSetKind }>(`${R}/calendar/${encodeURIComponent(date)}`, { kind })

export const listEscalationLevels = () => http.get<{ items: EscalationLevel[] }>(`${R}/escalation-levels`)
