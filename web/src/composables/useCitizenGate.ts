import { ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useAuthStore } from '../stores/auth';

/**
 * 申请人登录 — the applicant's pages (apply, my cases, a case) need a signed-in citizen or enterprise
 * account. Someone not signed in is sent to the portal login, which brings them back here afterwards; a
 * member of staff stays on the page, which tells them to switch accounts (staff cannot apply).
 */
export function useCitizenGate() {
  const auth = useAuthStore();
  const route = useRoute();
  const router = useRouter();
  const state = ref<'checking' | 'citizen' | 'staff'>('checking');

  function toLogin() {
    return router.replace({ name: 'portal-login', query: { redirect: route.fullPath } });
  }

  async function check(): Promise<boolean> {
    if (!auth.isAuthenticated) {
      await toLogin();
      return false;
    }
    try {
      await auth.ensureUser();
    } catch {
      await toLogin();
      return false;
    }
    state.value = auth.isStaff ? 'staff' : 'citizen';
    return state.value === 'citizen';
  }

  /** Signs the member of staff out and opens the login, coming back here. */
  async function switchAccount(): Promise<void> {
    await auth.logout();
    await toLogin();
  }

  /** Resolves true once a citizen is known to be signed in. */
  const ready = check();
  return { state, ready, switchAccount };
}
