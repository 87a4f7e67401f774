/**
 * What the two form renderers (SchemaForm for Element Plus, SchemaFormMobile for Vant) share: which fields
 * to draw in which group, how problems of `validateFormData` read in the UI language, and how a file picked
 * in the browser becomes an attachment value. Every rule about the data itself stays in @shared/catalog/forms.
 */
import {
  type AttachmentValue,
  type FieldSchema,
  type FormSchema,
  type FormSection,
  formFields,
  validateFormData,
} from '@shared/catalog/forms';
import type { RuleProblem } from '@shared/catalog/problems';
import type { ComposerTranslation } from 'vue-i18n';

export interface RenderedField {
  key: string;
  field: FieldSchema;
  required: boolean;
}

/** A titled group of fields; `section` is null for the fields that belong to no section. */
export interface FieldGroup {
  section: FormSection | null;
  fields: RenderedField[];
}

/**
 * The fields to draw, grouped: first the fields without a section (they always apply), then each section in
 * declaration order. With `sections`, only those sections; groups without fields are dropped.
 */
export function fieldGroups(schema: FormSchema, sections?: readonly string[]): FieldGroup[] {
  const fields = formFields(schema, sections ? { sections } : {});
  const declared = schema['x-sections'] ?? [];
  const groups: FieldGroup[] = [
    { section: null, fields: fields.filter(({ field }) => !field['x-section']) },
    ...declared.map((section) => ({
      section,
      fields: fields.filter(({ field }) => field['x-section'] === section.key),
    })),
  ];
  return groups.filter((group) => group.fields.length > 0);
}

function optionLabels(field: FieldSchema): string[] {
  const values = field.enum ?? (field.items as { enum?: string[] } | undefined)?.enum ?? [];
  return values.map((value, index) => field['x-enum-labels']?.[index] || value);
}

/** Few options read best as radio buttons / checkboxes; many as a dropdown. */
export function inlineChoice(field: FieldSchema): boolean {
  const kind = field['x-kind'];
  if (kind !== 'select' && kind !== 'multiselect') return false;
  return optionLabels(field).length <= (kind === 'select' ? 4 : 6);
}

/** Whether inline options need a whole row: more text than a grid column holds (about 14 characters). */
export function needsWideRow(field: FieldSchema): boolean {
  if (!inlineChoice(field)) return false;
  const labels = optionLabels(field);
  return labels.reduce((sum, label) => sum + Array.from(label).length + 3, 0) > 16;
}

/** Problems of the data, keyed by path without the `data.` prefix (`rows.0.name`); the first one per path. */
export function validateValues(
  schema: FormSchema,
  values: Record<string, unknown>,
  sections?: readonly string[],
): RuleProblem[] {
  return validateFormData(schema, values, { path: '', ...(sections ? { sections } : {}) });
}

/** The field a problem path points at: a top-level field, or a column of a table (`rows.0.name`). */
export function fieldAt(schema: FormSchema, path: string): FieldSchema | undefined {
  const [key, , column] = path.split('.');
  const field = key === undefined ? undefined : schema.properties[key];
  if (column === undefined || field?.['x-kind'] !== 'table') return field;
  const rows = field.items as FormSchema | undefined;
  return rows?.properties?.[column];
}

/** The problem in the UI language, with the bound of the field it broke (min length, accepted types…). */
export function problemText(t: ComposerTranslation, problem: RuleProblem, field?: FieldSchema): string {
  const key = `catalog.form.problems.${problem.code}`;
  const params = {
    min: field?.minLength ?? field?.minimum ?? field?.formatMinimum ?? field?.minItems ?? '',
    max:
      field?.maxLength ??
      field?.maximum ??
      field?.formatMaximum ??
      field?.maxItems ??
      field?.['x-max-files'] ??
      '',
    size: field?.['x-max-size-kb'] ?? '',
    accept: (field?.['x-accept'] ?? []).join(', '),
  };
  const text = t(key, params);
  return text === key ? problem.message : text;
}

/** Problems as `{ path: message }`, the shape of the `errors` prop; the first problem of a path wins. */
export function problemMap(
  t: ComposerTranslation,
  schema: FormSchema,
  problems: readonly RuleProblem[],
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const problem of problems) {
    map[problem.path] ??= problemText(t, problem, fieldAt(schema, problem.path));
  }
  return map;
}

/**
 * Records a picked file as an attachment value. There is no upload API yet: `fileId` is a local placeholder
 * (`local-…`) and the file itself stays in the browser; the case engine will upload and replace it.
 */
export function attachmentOf(file: File): AttachmentValue {
  const id = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  return {
    fileId: `local-${id}`,
    name: file.name,
    sizeKb: Math.max(1, Math.round(file.size / 1024)),
    type: file.type || 'application/octet-stream',
  };
}

export function isAttachmentList(value: unknown): value is AttachmentValue[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'object' && entry !== null);
}

/** A value as one line of text for read-only summaries (mobile tables, attachments, selected options). */
export function displayValue(field: FieldSchema, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const kind = field['x-kind'];
  if (kind === 'select' || kind === 'multiselect') {
    const labels = field['x-enum-labels'] ?? [];
    const values = (field.enum ?? (field.items as { enum?: string[] } | undefined)?.enum ?? []) as string[];
    const labelOf = (entry: unknown) => {
      const index = values.indexOf(String(entry));
      return index >= 0 && labels[index] ? labels[index] : String(entry);
    };
    return Array.isArray(value) ? value.map(labelOf).join('、') : labelOf(value);
  }
  if (kind === 'attachment' && isAttachmentList(value)) return value.map((file) => file.name).join('、');
  if (Array.isArray(value)) return String(value.length);
  return String(value);
}

/** The accept attribute of a file input from `x-accept` (extensions and MIME types are both valid there). */
export function acceptAttribute(field: FieldSchema): string | undefined {
  const accept = field['x-accept'];
  return accept && accept.length > 0 ? accept.join(',') : undefined;
}
