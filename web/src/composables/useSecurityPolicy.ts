import { ref } from 'vue';
import { fieldErrorsOf } from '../api/client';
import { securityApi } from '../api/resources';
import type { SecurityPolicyUpdate } from '../api/types';
import { useAsync } from './useAsync';

/** The platform security policy: load, save, and the server's field errors of the last save. */
export function useSecurityPolicy() {
  const { data: policy, loading, run: reload } = useAsync(() => securityApi.policy());
  const saving = ref(false);
  /** Keyed like `lockoutMinutes` or `staffIpAllow.0`. */
  const errors = ref<Record<string, string>>({});

  async function save(next: SecurityPolicyUpdate): Promise<boolean> {
    saving.value = true;
    try {
      policy.value = await securityApi.updatePolicy(next);
      errors.value = {};
      return true;
    } catch (error) {
      errors.value = fieldErrorsOf(error);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { policy, loading, reload, saving, errors, save };
}
