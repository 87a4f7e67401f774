import type { FormSchema } from '@shared/catalog/forms';
import type { RuleProblem } from '@shared/catalog/problems';
import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { fieldGroups, problemMap, validateValues } from './model';

export interface SchemaFormProps {
  schema: FormSchema;
  modelValue: Record<string, unknown>;
  /** Only these sections' fields (plus fields without a section); all sections when absent. */
  sections?: string[];
  readonly?: boolean;
  /** Errors keyed by field path without `data.` (`name`, `members.0.idNumber`). */
  errors?: Record<string, string>;
}

/**
 * What the PC and mobile renderers share: the field groups, `validate()` with the server's
 * `validateFormData` (after the first call the errors follow the data), the errors to show (local ones win
 * over `errors` from elsewhere) and the immutable update of one field.
 */
export function useSchemaForm(props: SchemaFormProps, emitValue: (value: Record<string, unknown>) => void) {
  const { t } = useI18n();
  const groups = computed(() => fieldGroups(props.schema, props.sections));
  const localErrors = ref<Record<string, string>>({});
  const validated = ref(false);
  const allErrors = computed(() => ({ ...(props.errors ?? {}), ...localErrors.value }));

  function check(): RuleProblem[] {
    const problems = validateValues(props.schema, props.modelValue, props.sections);
    localErrors.value = problemMap(t, props.schema, problems);
    return problems;
  }

  /** Checks the data, shows the problems next to the fields and returns them (empty when the data is valid). */
  function validate(): RuleProblem[] {
    validated.value = true;
    return check();
  }

  /** Hides the local errors until the next `validate()`. */
  function clearValidation(): void {
    validated.value = false;
    localErrors.value = {};
  }

  watch(
    () => [props.modelValue, props.sections, props.schema],
    () => {
      if (validated.value) check();
    },
    { deep: true },
  );

  function update(key: string, value: unknown): void {
    const next = { ...props.modelValue };
    if (value === undefined) delete next[key];
    else next[key] = value;
    emitValue(next);
  }

  return { t, groups, allErrors, validate, clearValidation, update };
}
