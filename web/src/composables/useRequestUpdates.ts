// Live updates for the request pages: asks GET /requests/updates every 15 s (usePoll's rhythm:
// only while the page is visible) and calls `onItems` with the requests (in the caller's scope)
// changed since the last answer. The first answer only sets the starting point (the server's
// `now`). The server looks back a little past `since`, so a change already reported (same
// request, same updated_at) is not reported again. Stops with the component, and for good on an
// answer that will not change (an older server without the endpoint, no permission).
import { usePoll } from './usePoll'
import { requestUpdates, type RequestUpdate } from '@/api/requests'

export const POLL_MS = 15000

export function useRequestUpdates(onItems: (items: RequestUpdate[]) => void) {
  let since: string | null = null
  /** updated_at of each request last reported (or seen in the first answer). */
  const seen = new Map<string, string>()

  function fresh(items: RequestUpdate[]): RequestUpdate[] {
    if (seen.size > 2000) seen.clear()
    const out = items.filter((i) => seen.get(i.id) !== i.updated_at)
    for (const i of items) seen.set(i.id, i.updated_at)
    return out
  }

  usePoll(async () => {
    // The first ask (no `since`) only learns the server's time; its items predate the page.
    const first = since === null
    const res = await requestUpdates(since ?? undefined, { silent: true })
    since = res.now || since
    const items = fresh(res.items ?? [])
    if (!first && items.length) onItems(items)
  }, POLL_MS)
}
