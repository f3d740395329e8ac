import { onBeforeUnmount, ref } from 'vue'

/** True below 768px: the sidebar becomes a drawer. */
export function useIsMobile() {
  const mq = window.matchMedia('(max-width: 767px)')
  const isMobile = ref(mq.matches)
  const onChange = (e: MediaQueryListEvent) => {
    isMobile.value = e.matches
  }
  mq.addEventListener('change', onChange)
  onBeforeUnmount(() => mq.removeEventListener('change', onChange))
  return isMobile
}
