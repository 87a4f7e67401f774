import { type FormSchema, formFields, validateFormDefinition } from '../../shared/catalog/forms.js';
import type { RuleProblem } from '../../shared/catalog/problems.js';
import type { SituationTree } from '../../shared/catalog/situations.js';

/** The catalogue's view of a form definition (shared/catalog/forms.ts): its problems, fields and sections. */
export function validateForm(form: unknown): RuleProblem[] {
  return validateFormDefinition(form, { path: 'form' });
}

/** Keys of every top-level field of a valid form. */
export function formFieldKeys(form: unknown): string[] {
  return formFields(form as FormSchema).map((field) => field.key);
}

/** Keys of the sections (`x-sections`) of a valid form: situations select sections by key. */
export function formSectionKeys(form: unknown): string[] {
  return ((form as FormSchema | null)?.['x-sections'] ?? []).map((section) => section.key);
}

/**
 * A form's sections as elements for `applicableElements`: a section some situation option selects is
 * conditional (it applies only when chosen), every other section always applies.
 */
export function formSectionElements(form: unknown, tree: SituationTree | null | undefined) {
  const selectable = new Set(
    (tree?.questions ?? []).flatMap((q) => q.options.flatMap((o) => o.effects?.formSections ?? [])),
  );
  return formSectionKeys(form).map((key) => ({
    key,
    requirement: selectable.has(key) ? ('conditional' as const) : ('required' as const),
  }));
}
