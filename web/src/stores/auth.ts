import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { tokenStore } from '../api/client';
import { identityApi } from '../api/resources';
import type { CurrentUser, LoginResult } from '../api/types';

export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(tokenStore.get());
  const user = ref<CurrentUser | null>(null);

  const isAuthenticated = computed(() => token.value !== null);
  const permissions = computed(() => new Set(user.value?.permissions ?? []));
  /**
   * Staff accounts hold at least one role; citizens (who sign in on the portal) hold none, so the
   * admin area turns them away instead of showing an empty workbench.
   */
  const isStaff = computed(() => (user.value?.roles.length ?? 0) > 0 || permissions.value.size > 0);

  /** `null` means "any logged-in user". */
  function can(permission: string | null): boolean {
    return permission === null || permissions.value.has(permission);
  }

  /** One token per browser tab (sessionStorage): signing in replaces whoever was signed in here. */
  function accept(result: LoginResult): void {
    tokenStore.set(result.token);
    token.value = result.token;
    user.value = result.user;
  }

  async function login(username: string, password: string): Promise<void> {
    accept(await identityApi.login(username, password));
  }

  async function loginWithOtp(phone: string, code: string): Promise<void> {
    accept(await identityApi.loginWithOtp(phone, code));
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

  /** After a change on the server (e.g. a new password lifts the expiry restriction). */
  function setUser(next: CurrentUser): void {
    user.value = next;
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

  return {
    token,
    user,
    isAuthenticated,
    permissions,
    isStaff,
    can,
    login,
    loginWithOtp,
    ensureUser,
    setUser,
    logout,
    clear,
  };
});
