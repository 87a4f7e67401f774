import { ref, shallowRef } from 'vue';
import { auditApi } from '../api/resources';
import type { AuditVerifyResult } from '../api/types';
import { useCursorPager } from './useCursorPager';

export function useAuditLedger(pageSize = 20) {
  return useCursorPager((cursor) => auditApi.records(pageSize, cursor));
}

export function useAuditVerify() {
  const result = shallowRef<AuditVerifyResult | null>(null);
  const verifying = ref(false);

  async function verify(): Promise<void> {
    verifying.value = true;
    try {
      result.value = await auditApi.verify();
    } catch {
      result.value = null;
    } finally {
      verifying.value = false;
    }
  }

  return { result, verifying, verify };
}
