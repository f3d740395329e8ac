// The signed-in user and the CSRF token for writes. Filled by login or GET /auth/me.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import { ApiError } from '@/api/http'
import type { User } from '@/api/auth'
import { resetRegistryCache } from '@/utils/registry'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const csrfToken = ref<string | null>(null)
  /** True once we asked the server whether a session exists. */
  const checked = ref(false)

  const isLoggedIn = computed(() => user.value !== null)

  function can(action: string | undefined): boolean {
    if (!action) return true
    return !!user.value?.permissions?.includes(action)
  }

  function setSession(s: authApi.Session) {
    if (user.value?.id !== s.user.id) resetRegistryCache()
    user.value = s.user
    csrfToken.value = s.csrf_token
    checked.value = true
  }

  function clear() {
    resetRegistryCache()
    user.value = null
    csrfToken.value = null
    checked.value = true
  }

  async function login(username: string, password: string) {
    setSession(await authApi.login(username, password))
  }

  /** Restore the session from the cookie; resolves false when there is none. */
  async function restore(): Promise<boolean> {
    try {
      setSession(await authApi.me())
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        clear()
        return false
      }
      checked.value = false
      throw e
    }
  }

  async function logout() {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  return { user, csrfToken, checked, isLoggedIn, can, setSession, clear, login, restore, logout }
})
