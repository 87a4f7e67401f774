import type { FieldSchema, FormSchema } from '@shared/catalog/forms';
import { computed, type Ref, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { CaseView } from '../api/cases';
import type { ApplicableMaterial } from '../api/catalog-public';
import { problemMap, validateValues } from '../components/schema-form/model';
import { useApplicantUploads } from './useApplicantUploads';
import type { ActionProblem } from './useMyCase';

/** One thing the office asked for: a material to upload again, a form field to correct, or something else. */
export interface SupplementEntry {
  key: string;
  label: string;
  reason: string | null;
  kind: 'material' | 'field' | 'other';
  material: ApplicableMaterial | null;
}

/**
 * 补正材料 — what the applicant supplies against a supplement request (一次性告知): new files for the
 * materials named (they replace the old files of those materials), corrections of the form fields named, and
 * a note. Everything named must be given before it is sent.
 */
export function useSupplement(view: Ref<CaseView | null>, rules: Ref<ApplicableMaterial[]>) {
  const { t } = useI18n();
  const uploads = useApplicantUploads();
  const fieldData = ref<Record<string, unknown>>({});
  const fieldErrors = ref<Record<string, string>>({});
  const comment = ref('');
  const checked = ref(false);

  const schema = computed(() => (view.value?.form.schema as FormSchema | null) ?? null);

  const entries = computed<SupplementEntry[]>(() =>
    (view.value?.supplement?.items ?? []).map((item) => {
      const material = rules.value.find((m) => m.key === item.key) ?? null;
      const field = schema.value?.properties[item.key];
      return {
        key: item.key,
        label: item.label,
        reason: item.reason ?? null,
        kind: material ? 'material' : field ? 'field' : 'other',
        material,
      };
    }),
  );

  /** A form of only the fields asked for (without their sections, so all of them show). */
  const fieldSchema = computed<FormSchema | null>(() => {
    const form = schema.value;
    const keys = entries.value.filter((e) => e.kind === 'field').map((e) => e.key);
    if (!form || keys.length === 0) return null;
    const properties: Record<string, FieldSchema> = {};
    for (const key of keys) {
      const { 'x-section': _section, ...field } = form.properties[key] as FieldSchema;
      properties[key] = field as FieldSchema;
    }
    return {
      type: 'object',
      properties,
      required: (form.required ?? []).filter((key) => keys.includes(key)),
      'x-order': keys,
    };
  });

  // Start from the values on the case, whenever the request changes.
  watch(
    () => view.value?.supplement?.requestedAt,
    () => {
      const data = view.value?.form.data ?? {};
      fieldData.value = Object.fromEntries(
        entries.value
          .filter((e) => e.kind === 'field' && data[e.key] !== undefined)
          .map((e) => [e.key, data[e.key]]),
      );
      fieldErrors.value = {};
      comment.value = '';
      checked.value = false;
      uploads.reset();
    },
    { immediate: true },
  );

  function checkFields(): boolean {
    const form = fieldSchema.value;
    if (!form) return true;
    const problems = validateValues(form, fieldData.value);
    fieldErrors.value = problemMap(t, form, problems);
    return problems.length === 0;
  }
  watch(fieldData, () => checked.value && checkFields(), { deep: true });

  /** Whether everything asked for is given; marks what is missing. */
  function validate(): boolean {
    checked.value = true;
    let ok = checkFields();
    for (const entry of entries.value) {
      if (entry.kind === 'material' && !uploads.has(entry.key)) {
        uploads.setError(entry.key, t('cases.supplement.uploadAgain'));
        ok = false;
      }
    }
    return ok && !uploads.uploading.value;
  }

  /** The payload of the `supplement` action. */
  function payload(): Record<string, unknown> {
    const materialKeys = new Set(entries.value.filter((e) => e.kind === 'material').map((e) => e.key));
    const materials = uploads.refs(materialKeys);
    const formData = fieldSchema.value ? { ...fieldData.value } : undefined;
    return { ...(formData ? { formData } : {}), ...(materials.length ? { materials } : {}) };
  }

  /** Shows the server's problems beside the fields and materials (`formData.x`, `materials.k`, `materials.0.fileId`). */
  function showProblems(problem: ActionProblem): void {
    // the server numbers the case's materials merged with those sent (sent ones replace their material's)
    const sentRefs = uploads.refs();
    const keys = new Set(sentRefs.map((m) => m.materialId));
    const held = (view.value?.materials ?? []).map((m) => ({ materialId: m.materialKey, fileId: m.fileId }));
    const sent = [...held.filter((m) => !keys.has(m.materialId)), ...sentRefs];
    for (const [path, message] of Object.entries(problem.fields)) {
      const [head, second, third] = path.split('.');
      if (head === 'formData' && second) fieldErrors.value = { [second]: message, ...fieldErrors.value };
      else if (head === 'materials' && second && /^\d+$/.test(second)) {
        const ref = sent[Number(second)];
        if (ref)
          uploads.setError(
            ref.materialId,
            t(third === 'materialId' ? 'cases.materials.notApplicable' : 'cases.materials.rejected'),
          );
      } else if (head === 'materials' && second) uploads.setError(second, t('cases.materials.required'));
    }
  }

  return { entries, uploads, fieldSchema, fieldData, fieldErrors, comment, validate, payload, showProblems };
}
