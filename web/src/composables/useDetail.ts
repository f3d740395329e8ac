// The shared state of a detail page: the record, the loading flag, and "not found" when the
// server answers 404 (other errors are shown by the request wrapper).
import { ref, type Ref } from 'vue'
import { ApiError } from '@/api/http'

export function useDetail<T>(fetch: () => Promise<T>) {
  const item = ref(null) as Ref<T | null>
  const loading = ref(false)
  const notFound = ref(false)

  async function load() {
    loading.value = true
    notFound.value = false
    try {
      item.value = await fetch()
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) notFound.value = true
    } finally {
      loading.value = false
    }
  }

  return { item, loading, notFound, load }
}
