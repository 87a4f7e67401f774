import { ref, shallowRef } from 'vue';
import { casesApi } from '../api/cases';

export interface StaffOption {
  id: string;
  name: string;
  /** Department, to tell namesakes apart. */
  detail: string;
}

/**
 * 选择人员 — the staff who may act at the case's current step (转办, 委派, 加签, 抄送) or its next one (naming
 * the next holders), from `cases.listCandidates`, filtered as the user types. The server still checks
 * every choice (422 CASE_ASSIGNEE_INVALID).
 */
export function useStaffPicker(caseId: () => string, step: () => 'current' | 'next') {
  const all = shallowRef<StaffOption[]>([]);
  const found = shallowRef<StaffOption[]>([]);
  const loading = ref(false);
  let loadedFor = '';

  async function load(): Promise<void> {
    const key = `${caseId()}:${step()}`;
    if (key === loadedFor) return;
    loading.value = true;
    try {
      const people = await casesApi.candidates(caseId(), step());
      all.value = people.map((p) => ({ id: p.id, name: p.name, detail: p.departmentName }));
      loadedFor = key;
    } catch {
      all.value = [];
    } finally {
      loading.value = false;
    }
  }

  async function search(query: string): Promise<void> {
    await load();
    const q = query.trim().toLowerCase();
    found.value = q ? all.value.filter((o) => `${o.name} ${o.detail}`.toLowerCase().includes(q)) : all.value;
  }

  /** The options to list: those found, plus the ones already chosen (so their names stay shown). */
  const options = (chosen: readonly string[]) => {
    const ids = new Set(found.value.map((o) => o.id));
    const extra = chosen
      .filter((id) => !ids.has(id))
      .flatMap((id) => all.value.find((o) => o.id === id) ?? []);
    return [...extra, ...found.value];
  };

  return { options, loading, search };
}
