/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

interface Window {
  /**
   * Poll interval in ms of everything that asks again by itself (live request updates, the
   * notification bell, a notice's delivery report); browser tests set it. Default per poller.
   */
  __LINLI_POLL_MS__?: number
}
