// Localized names of the registry vocabularies (codes come from the API) and small helpers.
import { ref } from 'vue'
import { t, te } from '@/locales'
import { listTags, places, type Street, type Tag } from '@/api/registry'

function vocab(group: string, code: string | null | undefined): string {
  if (!code) return ''
  const key = `vocab.${group}.${code}`
  return te(key) ? t(key) : code
}

/** Custom tags (GET /registry/tags) carry their own name; built-ins are in the locale files. */
const customTagNames = ref<Record<string, string>>({})
export const allTags = ref<Tag[]>([])
let tagsLoading: Promise<void> | null = null

export function loadTags(): Promise<void> {
  if (!tagsLoading) {
    tagsLoading = listTags()
      .then((res) => {
        allTags.value = res.items ?? []
        const names: Record<string, string> = {}
        for (const tg of allTags.value) if (tg.name) names[tg.code] = tg.name
        customTagNames.value = names
      })
      .catch(() => {
        tagsLoading = null
      })
  }
  return tagsLoading
}

export function tagLabel(code: string): string {
  const key = `vocab.tags.${code}`
  if (te(key)) return t(key)
  return customTagNames.value[code] ?? code
}

/** Colour of a tag chip: special groups that need care stand out. */
export function tagType(code: string): 'danger' | 'warning' | 'success' | 'info' | 'primary' {
  switch (code) {
    case 'living_alone':
    case 'bereaved_parent':
    case 'disabled':
      return 'danger'
    case 'advanced_age':
    case 'empty_nest':
    case 'left_behind_child':
    case 'low_income':
      return 'warning'
    case 'party_member':
    case 'veteran':
      return 'primary'
    default:
      return 'info'
  }
}

export const skillLabel = (c: string) => vocab('skills', c)
export const relationLabel = (c: string | null | undefined) => vocab('relations', c)
export const residenceStatusLabel = (c: string | null | undefined) => vocab('residenceStatus', c)
export const statusLabel = (c: string | null | undefined) => vocab('status', c)
export const sexLabel = (c: string | null | undefined) => vocab('sex', c)
export const residenceTypeLabel = (c: string | null | undefined) => vocab('residenceType', c)
export const assetKindLabel = (c: string | null | undefined) => vocab('assetKinds', c)
export const historyKindLabel = (c: string | null | undefined) => vocab('historyKinds', c)
export const importFieldLabel = (c: string | null | undefined) => vocab('importFields', c)

/** Places tree, loaded once per page view. */
export const placeTree = ref<Street[]>([])
let placesLoading: Promise<void> | null = null
export function loadPlaces(): Promise<void> {
  if (!placesLoading) {
    placesLoading = places()
      .then((res) => {
        placeTree.value = res.streets ?? []
      })
      .catch(() => {
        placesLoading = null
      })
  }
  return placesLoading
}

/** Forget cached tags and places (after logout another user may sign in). */
export function resetRegistryCache() {
  tagsLoading = null
  placesLoading = null
  allTags.value = []
  placeTree.value = []
  customTagNames.value = {}
}

const pad = (n: number) => String(n).padStart(2, '0')
/** Local date as YYYY-MM-DD. */
export function isoDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
