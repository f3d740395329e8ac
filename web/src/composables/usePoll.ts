// Runs `task` when the component mounts and then every `ms` while the page is visible (pages that
// follow a notice's sending, live request updates): a hidden tab does not ask, and asks at once
// when shown again.
// `task` returns false to stop asking (e.g. a notice finished sending); an answer that will not
// change by asking again (400, 401, 403, 404, 405) stops it too, other errors (network, 5xx) are
// retried next time. Stops with the component; `restart()` starts again after a stop.
// Tests set window.__LINLI_POLL_MS__ (before the app loads) to ask more often.
import { onMounted, onScopeDispose } from 'vue'
import { ApiError } from '@/api/http'

export function pollInterval(defaultMs: number): number {
  const override = Number(window.__LINLI_POLL_MS__)
  return Number.isFinite(override) && override >= 100 ? override : defaultMs
}

export function usePoll(task: () => Promise<boolean | void>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight = false
  let stopped = false
  let disposed = false

  const visible = () => document.visibilityState === 'visible'

  function clear() {
    if (timer) clearTimeout(timer)
    timer = null
  }

  function schedule() {
    clear()
    if (!stopped && !disposed && visible()) timer = setTimeout(run, pollInterval(ms))
  }

  async function run() {
    if (stopped || disposed || inFlight) return
    inFlight = true
    try {
      if ((await task()) === false) stopped = true
    } catch (e) {
      if (e instanceof ApiError && [400, 401, 403, 404, 405].includes(e.status)) stopped = true
    } finally {
      inFlight = false
    }
    schedule()
  }

  function onVisibility() {
    if (visible()) run()
    else clear()
  }

  /** Asks again now and keeps asking (also after `task` had stopped it). */
  function restart() {
    stopped = false
    clear()
    run()
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility)
    run()
  })
  onScopeDispose(() => {
    disposed = true
    clear()
    document.removeEventListener('visibilitychange', onVisibility)
  })

  return { restart }
}
