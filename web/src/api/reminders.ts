// reminders module (智能预警): inspection reminders written by the daily scan, telling the
// building's residents, recording the inspection, and the street's lead time. Mirrors
// views/reminders/. Contract: docs/http-api.md, "Reminders (智能预警)".
import { http, type RequestOptions } from './http'

export type ReminderKind = 'due_soon' | 'overdue'

export interface AssetReminder {
  id: string
  asset_id: string
  building_id: string
  asset_name: string
  /** An asset kind code (elevator, fire_equipment, …). */
  asset_kind: string
  address: string
  kind: ReminderKind
  /** YYYY-MM-DD */
  due_on: string
  created_at: string
  confirmed_at: string | null
  /** The notice that told the residents (set once confirmed). */
  notice_id: string | null
  /** The inspection was recorded (the asset's next date moved on). */
  done: boolean
}

export interface ReminderSettings {
  asset_lead_days: number
}

const P = '/api/v1/reminders'
const one = (id: string) => `${P}/assets/${encodeURIComponent(id)}`

/** In my area, soonest first; `open`: only those whose inspection is not yet recorded. */
export const listReminders = (q: { open?: boolean; asset_id?: string } = {}, o?: RequestOptions) =>
  http.get<{ items: AssetReminder[] }>(`${P}/assets`, { open: q.open ? 1 : undefined, asset_id: q.asset_id }, o)

/** Tells the building's residents (a notice; the server's text unless `message` is given). */
export const confirmReminder = (id: string, message: string | undefined, o?: RequestOptions) =>
  http.post<AssetReminder>(`${one(id)}/confirm`, message ? { message } : {}, o)

/** The inspection took place on `date` (YYYY-MM-DD, not in the future): the next one a year on. */
export const recordInspection = (id: string, date: string, o?: RequestOptions) =>
  http.post<AssetReminder>(`${one(id)}/inspected`, { date }, o)

export const getReminderSettings = (o?: RequestOptions) => http.get<ReminderSettings>(`${P}/settings`, undefined, o)

/** Action requests.configure (street admin). */
export const setReminderSettings = (s: ReminderSettings, o?: RequestOptions) =>
  http.put<ReminderSettings>(`${P}/settings`, s, o)
