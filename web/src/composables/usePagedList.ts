// The shared state of the paged list pages: the current page and its size, the rows and total
// of the last answer, and the loading flag. Errors are shown by the request wrapper.
import { ref, type Ref } from 'vue'
import type { Page } from '@/api/http'

export interface PagedListOptions {
  /** The page to start on (default 1). */
  page?: number
  /** A new search runs only when this allows it (e.g. the filters are valid). */
  canSearch?: () => boolean
}

export function usePagedList<T>(
  fetch: (page: number, pageSize: number) => Promise<Page<T>>,
  options: PagedListOptions = {},
) {
  const page = ref(options.page ?? 1)
  const pageSize = ref(20)
  const total = ref(0)
  const rows = ref([]) as Ref<T[]>
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const res = await fetch(page.value, pageSize.value)
      rows.value = res.items
      total.value = res.total
    } catch {
      /* the request wrapper has shown the error */
    } finally {
      loading.value = false
    }
  }

  /** Back to the first page with the current filters. */
  function search() {
    if (options.canSearch && !options.canSearch()) return
    page.value = 1
    load()
  }

  return { page, pageSize, total, rows, loading, load, search }
}

export type PagedList = Pick<ReturnType<typeof usePagedList>, 'page' | 'pageSize' | 'total' | 'load' | 'search'>
