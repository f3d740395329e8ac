// The unread count the header bell shows, shared with the inbox so reading there updates the
// bell at once instead of at its next poll.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { unreadCount } from '@/api/notifications'

export const useNotificationsStore = defineStore('notifications', () => {
  /** null until the server answered (no badge meanwhile). */
  const unread = ref<number | null>(null)

  /** Asks the server; errors are the caller's (the bell's poll decides whether to ask again). */
  async function refresh() {
    unread.value = (await unreadCount({ silent: true })).unread
  }

  function set(n: number | null) {
    unread.value = n
  }

  /** One message was read here. */
  function readOne() {
    if (unread.value) unread.value -= 1
  }

  return { unread, refresh, set, readOne }
})
