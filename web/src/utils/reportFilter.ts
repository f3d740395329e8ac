// A smart-report filter in words, e.g. ["80岁以上", "独自居住"]: shown by the report builder,
// its saved templates, and the visit rules that reuse the same filter.
import { t } from '@/locales'
import type { ReportFilter } from '@/api/reports'
import { placeTree, residenceStatusLabel, sexLabel, skillLabel, tagLabel } from '@/utils/registry'

/** A community's or grid's name from the loaded places tree (`#id` until it is loaded). */
export function placeName(kind: 'community' | 'grid', id: string): string {
  for (const s of placeTree.value)
    for (const c of s.communities ?? []) {
      if (kind === 'community' && c.id === id) return c.name
      for (const g of c.grids ?? []) if (kind === 'grid' && g.id === id) return g.name
    }
  return `#${id}`
}

export function describeFilter(filter: ReportFilter): string[] {
  const parts: string[] = []
  if (filter.age_min != null && filter.age_max != null) parts.push(t('report.ageRange', { min: filter.age_min, max: filter.age_max }))
  else if (filter.age_min != null) parts.push(t('report.agePlus', { n: filter.age_min }))
  else if (filter.age_max != null) parts.push(t('report.ageUpTo', { n: filter.age_max }))
  if (filter.sex) parts.push(sexLabel(filter.sex))
  if (filter.tags_any?.length) parts.push(filter.tags_any.map(tagLabel).join(t('report.or')))
  if (filter.tags_all?.length) parts.push(filter.tags_all.map(tagLabel).join(t('report.and')))
  if (filter.tags_none?.length) parts.push(t('report.notTags', { tags: filter.tags_none.map(tagLabel).join('、') }))
  if (filter.living_alone) parts.push(t('report.livingAloneShort'))
  if (filter.residence_status?.length) parts.push(filter.residence_status.map(residenceStatusLabel).join('/'))
  if (filter.grid_id) parts.push(placeName('grid', filter.grid_id))
  else if (filter.community_id) parts.push(placeName('community', filter.community_id))
  if (filter.household_size_min || filter.household_size_max)
    parts.push(t('report.householdSizeRange', { min: filter.household_size_min ?? 1, max: filter.household_size_max ?? '∞' }))
  if (filter.skills_any?.length) parts.push(filter.skills_any.map(skillLabel).join('/'))
  if (filter.text) parts.push(`“${filter.text}”`)
  return parts
}
