import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { tokenStore } from '../api/client';
import { identityApi } from '../api/resources';
import type { CurrentUser } from '../api/types';

export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(tokenStore.get());
  const user = ref<CurrentUser | null>(null);

  const isAuthenticated = computed(() => token.value !== null);
  const permissions = computed(() => new Set(user.value?.permissions ?? []));

  /** `null` means "any logged-in user". */
  function can(permission: string | null): boolean {
    return permission === null || permissions.value.has(permission);
  }

  async function login(username: string, password: string): Promise<void> {
    const result = await identityApi.login(username, password);
    tokenStore.set(result.token);
    token.value = result.token;
    user.value = result.user;
  }

  /** Loads the current user once per page load; throws (and clears the session) when the token is stale. */
  async function ensureUser(): Promise<CurrentUser> {
    if (user.value) return user.value;
    try {
      user.value = await identityApi.me();
      return user.value;
    } catch (error) {
      clear();
      throw error;
    }
  }

  async function logout(): Promise<void> {
    try {
      await identityApi.logout();
    } catch {
      // The session is dropped locally whatever the server says.
    } finally {
      clear();
    }
  }

  function clear(): void {
    tokenStore.clear();
    token.value = null;
    user.value = null;
  }

  return { token, user, isAuthenticated, permissions, can, login, ensureUser, logout, clear };
});
