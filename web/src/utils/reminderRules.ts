// A reminder rule in words, as the 规则 tab lists it: its condition ("满80/90/100岁生日", or
// the saved report's name), when it runs and whom it tells.
import { t } from '@/locales'
import type { ReminderRule } from '@/api/reminderRules'

/** "满80/90/100岁生日" / "报表“90岁以上”中的居民"; `reportName` finds a saved report's name. */
export function conditionWords(rule: Pick<ReminderRule, 'condition' | 'ages' | 'report_id'>, reportName: (id: string) => string | undefined): string {
  if (rule.condition === 'birthday') return t('reminderRules.birthdayWords', { ages: [...rule.ages].sort((a, b) => a - b).join('/') })
  const id = rule.report_id ?? ''
  const name = reportName(id)
  return name ? t('reminderRules.reportWords', { name }) : t('reminderRules.reportUnknown', { id })
}

/** The condition, the schedule and the recipients, e.g. ["满80/90/100岁生日", "每月1日 8:30", "发给创建人（汇总）"]. */
export function ruleWords(rule: ReminderRule, reportName: (id: string) => string | undefined): string[] {
  return [conditionWords(rule, reportName), t(`reminderRules.scheduleWords.${rule.schedule}`), t(`reminderRules.recipientsWords.${rule.recipients}`)]
}
