// The shared state of a list of rules an admin pauses and resumes (visit rules, reminder
// rules): the rules, the loading flags, and the switch (which rule is being switched; a
// message names the rule once the server agreed). Errors are shown by the request wrapper.
import { ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'

export interface SwitchableRule {
  id: string
  name: string
  active: boolean
}

export interface RuleListOptions<T extends SwitchableRule> {
  fetch: () => Promise<{ items: T[] }>
  /** Sets the rule's `active` on the server; answers the rule as saved. */
  setActive: (rule: T, active: boolean) => Promise<T>
  /** The message shown after a switch, e.g. 已停用“…”. */
  switched: (rule: T, active: boolean) => string
}

export function useRuleList<T extends SwitchableRule>(options: RuleListOptions<T>) {
  const rules = ref([]) as Ref<T[]>
  const loading = ref(false)
  const loaded = ref(false)
  const switching = ref<string | null>(null)

  async function load() {
    loading.value = true
    try {
      rules.value = (await options.fetch()).items ?? []
      loaded.value = true
    } catch {
      /* shown by the request wrapper */
    } finally {
      loading.value = false
    }
  }

  async function setActive(rule: T, active: boolean) {
    switching.value = rule.id
    try {
      const saved = await options.setActive(rule, active)
      rules.value = rules.value.map((r) => (r.id === rule.id ? { ...r, ...saved } : r))
      ElMessage({ type: 'success', message: options.switched(rule, active) })
    } catch {
      /* shown by the request wrapper */
    } finally {
      switching.value = null
    }
  }

  return { rules, loading, loaded, switching, load, setActive }
}
