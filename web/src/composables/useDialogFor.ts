// A dialog opened for one record (edit it) or for none (create one).
import { ref, type Ref } from 'vue'

export function useDialogFor<T>() {
  const open = ref(false)
  const target = ref(null) as Ref<T | null>
  function openFor(item: T | null) {
    target.value = item
    open.value = true
  }
  return { open, target, openFor }
}
