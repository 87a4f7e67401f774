import { ref } from 'vue';
import { identityApi } from '../api/resources';
import { useAsync } from './useAsync';

/** The signed-in user's live sessions, and ending one of them; `immediate: false` waits for `reload()`. */
export function useMySessions(options: { immediate?: boolean } = {}) {
  const { data, loading, run: reload } = useAsync(() => identityApi.mySessions(), options);
  const revoking = ref<string | null>(null);

  async function revoke(sessionId: string): Promise<boolean> {
    revoking.value = sessionId;
    try {
      await identityApi.revokeMySession(sessionId);
      await reload();
      return true;
    } catch {
      return false;
    } finally {
      revoking.value = null;
    }
  }

  return { data, loading, reload, revoking, revoke };
}
