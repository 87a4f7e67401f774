import { computed, type Ref, ref, shallowRef } from 'vue';
import { ApiError } from '../api/client';
import { type SsoInteraction, ssoSignInApi } from '../api/sso';

/**
 * A sign-in request of an integrated application (`/login?sso=<uid>`): which application asks, and
 * finishing it for the signed-in user, after which the browser leaves for the application.
 */
export function useSsoSignIn(uid: Ref<string | null>) {
  const application = shallowRef<SsoInteraction | null>(null);
  /** The server's reason (problem title) when the request cannot go on, e.g. it expired. */
  const problem = ref<string | null>(null);
  const continuing = ref(false);
  const active = computed(() => uid.value !== null);

  async function load(): Promise<void> {
    if (!uid.value) return;
    try {
      application.value = await ssoSignInApi.details(uid.value);
    } catch (error) {
      problem.value = error instanceof ApiError ? error.problem.title : String(error);
    }
  }

  /** Completes the request; on success the page navigates away (resolves true). */
  async function proceed(): Promise<boolean> {
    if (!uid.value || continuing.value) return false;
    continuing.value = true;
    try {
      const { redirectTo } = await ssoSignInApi.complete(uid.value);
      window.location.assign(redirectTo);
      return true;
    } catch (error) {
      // 401: the Tongban session ended; the client dropped the token and the sign-in form shows again
      if (!(error instanceof ApiError && error.status === 401))
        problem.value = error instanceof ApiError ? error.problem.title : String(error);
      continuing.value = false;
      return false;
    }
  }

  return { active, application, problem, continuing, load, proceed };
}
