// Reminder rules (admin-defined, action requests.assign): a condition (one of my saved smart
// reports, or birthdays turning given ages), a schedule, a text and who hears it. Mirrors
// views/reminders/ (the 规则 tab). Contract: docs/http-api.md, "Reminder rules".
import { http, type RequestOptions } from './http'

export const RULE_CONDITIONS = ['birthday', 'report'] as const
export type RuleCondition = (typeof RULE_CONDITIONS)[number]
/** daily: the day itself; weekly: Mondays, the coming week; monthly: the 1st, the month. */
export const RULE_SCHEDULES = ['daily', 'weekly', 'monthly'] as const
export type RuleSchedule = (typeof RULE_SCHEDULES)[number]
/** author: a digest to whoever made the rule; residents: a notice to them. */
export const RULE_RECIPIENTS = ['author', 'residents'] as const
export type RuleRecipients = (typeof RULE_RECIPIENTS)[number]

/** Server limits (characters; ages in years). */
export const RULE_LIMITS = { name: 64, subject: 60, body: 500, ageMin: 1, ageMax: 130 } as const

export interface ReminderRule {
  id: string
  name: string
  condition: RuleCondition
  /** The saved report (condition report), else null. */
  report_id: string | null
  /** The birthdays (condition birthday), else empty. */
  ages: number[]
  schedule: RuleSchedule
  subject: string
  body: string
  recipients: RuleRecipients
  active: boolean
}

export interface NewReminderRule {
  name: string
  condition: RuleCondition
  report_id?: string
  ages?: number[]
  schedule: RuleSchedule
  subject: string
  body: string
  recipients: RuleRecipients
}

const P = '/api/v1/reminders/rules'
const one = (id: string) => `${P}/${encodeURIComponent(id)}`

export const listReminderRules = (o?: RequestOptions) => http.get<{ items: ReminderRule[] }>(P, undefined, o)
export const createReminderRule = (r: NewReminderRule, o?: RequestOptions) => http.post<ReminderRule>(P, r, o)
export const setReminderRuleActive = (id: string, active: boolean, o?: RequestOptions) =>
  http.patch<ReminderRule>(one(id), { active }, o)
/** How many residents the rule selects for the period around today. */
export const previewReminderRule = (id: string, o?: RequestOptions) => http.get<{ matched: number }>(`${one(id)}/preview`, undefined, o)
