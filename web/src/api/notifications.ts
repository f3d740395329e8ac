// notifications module (通知): the signed-in user's in-app inbox and how they want to be reached.
// Mirrors views/notifications/. Mass notices (群发通知) are in ./notices.ts.
import { http, type RequestOptions } from './http'

export interface Notification {
  id: string
  subject: string
  body: string
  /** Urgent ones are also sent in quiet hours. */
  urgent: boolean
  created_at: string
  /** null while unread. */
  read_at: string | null
  /** A page of the app to open (e.g. /requests/123), or null. */
  link: string | null
}

export interface Inbox {
  items: Notification[]
  total: number
  /** Unread in the whole inbox, not only this page. */
  unread: number
}

/** How the user is reached besides the inbox; quiet hours hold back non-urgent SMS and email. */
export interface Preferences {
  sms: boolean
  email: boolean
  /** The language messages are written in. */
  locale: 'zh-CN' | 'en'
  /** e.g. *******1234; null when no phone is on file. */
  phone_masked: string | null
  email_address: string
  /** HH:mm, local time; equal start and end: no quiet hours. */
  quiet_start: string
  quiet_end: string
}

export interface PreferencesUpdate {
  sms: boolean
  email: boolean
  locale: 'zh-CN' | 'en'
  /** A new phone number (digits); left out to keep the one on file. */
  phone?: string
  email_address: string
  quiet_start: string
  quiet_end: string
}

const N = '/api/v1/notifications'

export const listNotifications = (q: { unread?: 1; page?: number; page_size?: number }, o?: RequestOptions) =>
  http.get<Inbox>(N, { ...q }, o)

export const unreadCount = (o?: RequestOptions) => http.get<{ unread: number }>(`${N}/unread-count`, undefined, o)

export const markRead = (id: string, o?: RequestOptions) => http.post<void>(`${N}/${encodeURIComponent(id)}/read`, undefined, o)

export const markAllRead = (o?: RequestOptions) => http.post<{ marked: number }>(`${N}/read-all`, undefined, o)

export const getPreferences = () => http.get<Preferences>(`${N}/preferences`)

export const savePreferences = (p: PreferencesUpdate, o?: RequestOptions) => http.put<Preferences>(`${N}/preferences`, p, o)
