// Live updates for the request pages: asks GET /requests/updates every 15 s while the page is
// visible and calls `onItems` with the requests (in the caller's scope) changed since the last
// answer. The first answer only sets the starting point (the server's `now`); a hidden tab does
// not ask, and asks at once when shown again. The server looks back a little past `since`, so a
// change already reported (same request, same updated_at) is not reported again. Stops with the
// component.
// Tests set window.__LINLI_POLL_MS__ (before the app loads) to ask more often.
import { onMounted, onScopeDispose } from 'vue'
import { ApiError } from '@/api/http'
import { requestUpdates, type RequestUpdate } from '@/api/requests'

export const POLL_MS = 15000

function interval(): number {
  const override = Number(window.__LINLI_POLL_MS__)
  return Number.isFinite(override) && override >= 100 ? override : POLL_MS
}

export function useRequestUpdates(onItems: (items: RequestUpdate[]) => void) {
  let since: string | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight = false
  let stopped = false
  /** updated_at of each request last reported (or seen in the first answer). */
  const seen = new Map<string, string>()

  function fresh(items: RequestUpdate[]): RequestUpdate[] {
    if (seen.size > 2000) seen.clear()
    const out = items.filter((i) => seen.get(i.id) !== i.updated_at)
    for (const i of items) seen.set(i.id, i.updated_at)
    return out
  }

  const visible = () => document.visibilityState === 'visible'

  function schedule() {
    if (timer) clearTimeout(timer)
    timer = null
    if (!stopped && visible()) timer = setTimeout(poll, interval())
  }

  async function poll() {
    if (stopped || inFlight) return
    inFlight = true
    try {
      // The first ask (no `since`) only learns the server's time; its items predate the page.
      const first = since === null
      const res = await requestUpdates(since ?? undefined, { silent: true })
      since = res.now || since
      const items = fresh(res.items ?? [])
      if (!first && !stopped && items.length) onItems(items)
    } catch (e) {
      // An older server without the endpoint, a refused time or no permission: stop asking.
      // Otherwise (network, 5xx) try again next time.
      if (e instanceof ApiError && [400, 401, 403, 404, 405].includes(e.status)) stopped = true
    } finally {
      inFlight = false
    }
    schedule()
  }

  function onVisibility() {
    if (visible()) poll()
    else if (timer) {
      clearTimeout(timer)
      timer = null
    }
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility)
    poll()
  })
  onScopeDispose(() => {
    stopped = true
    if (timer) clearTimeout(timer)
    document.removeEventListener('visibilitychange', onVisibility)
  })
}
