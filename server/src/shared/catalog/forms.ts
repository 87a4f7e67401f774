// Pure and browser-safe: part of server/src/shared, which the web app imports too.
import { normaliseForBlindIndex } from '../normalise.js';
import { validateIdCard } from '../validation/id-card.js';
import { validateUscc } from '../validation/uscc.js';
import { problem, type RuleProblem } from './problems.js';

/**
 * Form definitions (表单) of an item version: a subset of JSON Schema (draft 2020-12 keywords, `formatMinimum`
 * and `formatMaximum` as in ajv-formats) with `x-` extensions, so tools understand it and one renderer draws
 * it with Element Plus (PC) and Vant (mobile). `x-kind` says how a field is entered and checked; `type` is
 * the JSON type of its value.
 *
 * Values: text kinds, `date` (YYYY-MM-DD), `select`, `region` (6-, 9- or 12-digit code), `idNumber`, `uscc`
 * and `phone` are strings; `number` is a number; `multiselect` a list of option values; `table` a list of row
 * objects; `attachment` a list of {@link AttachmentValue}. Empty values (missing, `null`, blank text, empty
 * list) count as not filled in.
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'select'
  | 'multiselect'
  | 'region'
  | 'idNumber'
  | 'uscc'
  | 'phone'
  | 'address'
  | 'table'
  | 'attachment';

/** Where a field's initial value comes from: the signed-in person, their enterprise, or an e-licence (电子证照). */
export interface PrefillSource {
  source: 'applicant' | 'enterprise' | 'licence';
  /** Dotted path in the source, e.g. `name` or `address.detail`; numeric segments index lists. */
  path: string;
  /** The licence type (e.g. `businessLicence`) when `source` is `licence`. */
  licenceType?: string;
}

export interface FieldSchema {
  title: string;
  description?: string;
  'x-kind': FieldKind;
  /** The section (key of `x-sections`) the field belongs to; fields without one always apply. */
  'x-section'?: string;
  'x-prefill'?: PrefillSource;
  'x-placeholder'?: string;
  type: 'string' | 'number' | 'integer' | 'array' | 'object';
  /** Length in characters (code points), not UTF-16 units. */
  minLength?: number;
  maxLength?: number;
  /** An ECMAScript regular expression, with the `u` flag; not anchored unless it says `^…$`. */
  pattern?: string;
  minimum?: number;
  maximum?: number;
  format?: 'date';
  /** Dates YYYY-MM-DD, inclusive. */
  formatMinimum?: string;
  formatMaximum?: string;
  /** Option values of a select or multiselect. */
  enum?: string[];
  /** Labels of the options, in the same order as `enum`. */
  'x-enum-labels'?: string[];
  /** Table rows (an object schema) or multiselect values. */
  items?: FormSchema | { type: 'string'; enum?: string[] };
  minItems?: number;
  maxItems?: number;
  /** Accepted files: extensions (`.pdf`) or MIME types (`application/pdf`, `image/*`). */
  'x-accept'?: string[];
  'x-max-size-kb'?: number;
  'x-max-files'?: number;
}

export interface FormSection {
  key: string;
  title: string;
  description?: string;
}

export interface FormSchema {
  type: 'object';
  title?: string;
  description?: string;
  'x-sections'?: FormSection[];
  properties: Record<string, FieldSchema>;
  required?: string[];
  /** Display order of the fields; fields not listed follow in declaration order. */
  'x-order'?: string[];
}

/** One uploaded file as a form value refers to it. */
export interface AttachmentValue {
  fileId: string;
  name: string;
  sizeKb: number;
  /** MIME type, e.g. `application/pdf`. */
  type: string;
}

export interface FormSectionsOption {
  /** When given, only fields in these sections (and fields without a section) apply. */
  sections?: readonly string[];
}

export interface ValidateFormDataOptions extends FormSectionsOption {
  /** Prefix of the paths of problems; `data` unless given ('' for none). */
  path?: string;
  /** Today, for ID-number birth dates; now by default. */
  today?: Date;
}

export interface FormPrefillSources {
  applicant?: Record<string, unknown>;
  enterprise?: Record<string, unknown>;
  /** Licence type → the licence's data. */
  licences?: Record<string, Record<string, unknown>>;
}

export const FIELD_KINDS: readonly FieldKind[] = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'multiselect',
  'region',
  'idNumber',
  'uscc',
  'phone',
  'address',
  'table',
  'attachment',
];

type JsonType = FieldSchema['type'];

/** What each kind of field stores and which keywords constrain it: the one table the validators read. */
const KINDS: Record<FieldKind, { types: readonly JsonType[]; keywords: readonly (keyof FieldSchema)[] }> = {
  text: { types: ['string'], keywords: ['minLength', 'maxLength', 'pattern'] },
  textarea: { types: ['string'], keywords: ['minLength', 'maxLength', 'pattern'] },
  address: { types: ['string'], keywords: ['minLength', 'maxLength', 'pattern'] },
  number: { types: ['number', 'integer'], keywords: ['minimum', 'maximum'] },
  date: { types: ['string'], keywords: ['format', 'formatMinimum', 'formatMaximum'] },
  select: { types: ['string'], keywords: ['enum', 'x-enum-labels'] },
  multiselect: { types: ['array'], keywords: ['enum', 'x-enum-labels', 'items', 'minItems', 'maxItems'] },
  region: { types: ['string'], keywords: [] },
  idNumber: { types: ['string'], keywords: [] },
  uscc: { types: ['string'], keywords: [] },
  phone: { types: ['string'], keywords: [] },
  table: { types: ['array'], keywords: ['items', 'minItems', 'maxItems'] },
  attachment: { types: ['array'], keywords: ['x-accept', 'x-max-size-kb', 'x-max-files'] },
};
const COMMON_KEYWORDS: readonly string[] = [
  'title',
  'description',
  'x-kind',
  'x-section',
  'x-prefill',
  'x-placeholder',
  'type',
];
/** Keywords only top-level fields have: rows of a table have neither sections nor prefill. */
const TOP_LEVEL_ONLY: readonly string[] = ['x-section', 'x-prefill'];
const FIELD_KEYWORDS = new Set<string>([
  ...COMMON_KEYWORDS,
  ...Object.values(KINDS).flatMap((kind) => kind.keywords),
]);
const SCHEMA_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'x-sections',
  'properties',
  'required',
  'x-order',
]);
const JSON_TYPES: readonly string[] = ['string', 'number', 'integer', 'array', 'object'];
const PREFILL_SOURCES: readonly string[] = ['applicant', 'enterprise', 'licence'];
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const REGION = /^(?:\d{6}|\d{9}|\d{12})$/;
const PHONE = /^1[3-9]\d{9}$/;
const ACCEPT = /^(?:\.[A-Za-z0-9]+|[A-Za-z]+\/(?:\*|[A-Za-z0-9][A-Za-z0-9.+-]*))$/;
const ID_CARD_REASON = {
  format: 'must have 17 digits and a check digit or X',
  checkDigit: 'has a wrong check digit',
  region: 'starts with an unknown province code',
  birthDate: 'contains an impossible birth date',
} as const;

type Path = readonly (string | number)[];

// —— definitions ———————————————————————————————————————————————————————————————————————————————————————

/**
 * Checks a form definition before it is saved or published and lists every problem: its shape, unknown
 * keywords and keywords that do not apply to a kind, field keys, kinds against JSON types, section keys
 * (unique) and field sections (declared), `required` and `x-order` (known, no repeats), options (a select
 * needs them; unique; as many labels as options), tables (object rows, no nested tables), patterns (compile),
 * bounds (numbers of the right kind, min ≤ max, real dates), prefill (known source, non-empty path, a licence
 * type for licences) and accepted file types. Paths start with `form` unless `options.path` says otherwise.
 */
export function validateFormDefinition(schema: unknown, options: { path?: string } = {}): RuleProblem[] {
  const problems: RuleProblem[] = [];
  checkObjectSchema(schema, [options.path ?? 'form'], false, problems);
  return problems;
}

function checkObjectSchema(schema: unknown, at: Path, nested: boolean, problems: RuleProblem[]): void {
  if (!isRecord(schema)) {
    problems.push(
      problem(at, 'FORM_MALFORMED', 'A form schema must be an object with type "object" and properties.'),
    );
    return;
  }
  for (const keyword of Object.keys(schema)) {
    if (keyword.startsWith('$')) continue;
    if (!SCHEMA_KEYWORDS.has(keyword)) {
      problems.push(
        problem([...at, keyword], 'FORM_UNKNOWN_KEYWORD', `"${keyword}" is not a form schema keyword.`),
      );
    } else if (nested && keyword === 'x-sections') {
      problems.push(problem([...at, keyword], 'FORM_KEYWORD_NOT_APPLICABLE', 'Table rows have no sections.'));
    }
  }
  if (ownValue(schema, 'type') !== 'object') {
    problems.push(problem([...at, 'type'], 'FORM_MALFORMED', 'A form schema has type "object".'));
  }
  for (const keyword of ['title', 'description']) {
    const value = ownValue(schema, keyword);
    if (value !== undefined && typeof value !== 'string') {
      problems.push(problem([...at, keyword], 'FORM_MALFORMED', `${keyword} must be text.`));
    }
  }

  const sectionKeys = nested
    ? new Set<string>()
    : checkSections(ownValue(schema, 'x-sections'), [...at, 'x-sections'], problems);

  let properties = ownValue(schema, 'properties');
  if (!isRecord(properties)) {
    problems.push(
      problem(
        [...at, 'properties'],
        'FORM_MALFORMED',
        'properties must be an object of field keys to fields.',
      ),
    );
    properties = {};
  }
  const fields = properties as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const fieldAt = [...at, 'properties', key];
    if (!KEY.test(key)) {
      problems.push(
        problem(
          fieldAt,
          'FORM_INVALID_KEY',
          `Field key "${key}" may contain only letters, digits and _, not starting with a digit.`,
        ),
      );
    }
    checkField(fields[key], fieldAt, nested, sectionKeys, problems);
  }
  for (const list of ['required', 'x-order'] as const)
    checkKeyList(ownValue(schema, list), [...at, list], fields, problems);
}

function checkSections(value: unknown, at: Path, problems: RuleProblem[]): Set<string> {
  const keys = new Set<string>();
  if (value === undefined) return keys;
  if (!Array.isArray(value)) {
    problems.push(problem(at, 'FORM_MALFORMED', 'x-sections must be a list of sections.'));
    return keys;
  }
  value.forEach((section: unknown, index) => {
    const sectionAt = [...at, index];
    if (!isRecord(section)) {
      problems.push(problem(sectionAt, 'FORM_MALFORMED', 'A section must be an object with key and title.'));
      return;
    }
    for (const keyword of Object.keys(section)) {
      if (!['key', 'title', 'description'].includes(keyword) && !keyword.startsWith('$')) {
        problems.push(
          problem([...sectionAt, keyword], 'FORM_UNKNOWN_KEYWORD', `"${keyword}" is not a section keyword.`),
        );
      }
    }
    const key = ownValue(section, 'key');
    if (typeof key !== 'string') {
      problems.push(problem([...sectionAt, 'key'], 'FORM_MALFORMED', 'A section key must be text.'));
    } else if (!KEY.test(key)) {
      problems.push(
        problem(
          [...sectionAt, 'key'],
          'FORM_INVALID_KEY',
          `Section key "${key}" may contain only letters, digits and _.`,
        ),
      );
    } else if (keys.has(key)) {
      problems.push(
        problem([...sectionAt, 'key'], 'FORM_DUPLICATE_SECTION', `Section key "${key}" is used twice.`),
      );
    }
    if (typeof key === 'string') keys.add(key);
    checkTitle(ownValue(section, 'title'), [...sectionAt, 'title'], problems);
  });
  return keys;
}

function checkKeyList(
  value: unknown,
  at: Path,
  fields: Record<string, unknown>,
  problems: RuleProblem[],
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push(problem(at, 'FORM_MALFORMED', 'This must be a list of field keys.'));
    return;
  }
  const seen = new Set<string>();
  value.forEach((key: unknown, index) => {
    if (typeof key !== 'string') {
      problems.push(problem([...at, index], 'FORM_MALFORMED', 'A field key must be text.'));
    } else if (!Object.hasOwn(fields, key)) {
      problems.push(problem([...at, index], 'FORM_UNKNOWN_FIELD', `The form has no field "${key}".`));
    } else if (seen.has(key)) {
      problems.push(problem([...at, index], 'FORM_DUPLICATE_KEY', `Field "${key}" is listed twice.`));
    }
    if (typeof key === 'string') seen.add(key);
  });
}

function checkTitle(value: unknown, at: Path, problems: RuleProblem[]): void {
  if (value !== undefined && typeof value !== 'string') {
    problems.push(problem(at, 'FORM_MALFORMED', 'A title must be text.'));
  } else if (value === undefined || value.trim() === '') {
    problems.push(problem(at, 'FORM_EMPTY_TITLE', 'The title is empty.'));
  }
}

function checkField(
  field: unknown,
  at: Path,
  nested: boolean,
  sectionKeys: Set<string>,
  problems: RuleProblem[],
): void {
  if (!isRecord(field)) {
    problems.push(problem(at, 'FORM_MALFORMED', 'A field must be an object with title, x-kind and type.'));
    return;
  }
  const push = (
    keyword: string | (string | number)[],
    code: Parameters<typeof problem>[1],
    message: string,
  ) => problems.push(problem([...at, ...(Array.isArray(keyword) ? keyword : [keyword])], code, message));
  const rawKind = ownValue(field, 'x-kind');
  const kind =
    typeof rawKind === 'string' && (FIELD_KINDS as readonly string[]).includes(rawKind)
      ? (rawKind as FieldKind)
      : null;

  for (const keyword of Object.keys(field)) {
    if (keyword.startsWith('$')) continue;
    if (!FIELD_KEYWORDS.has(keyword)) {
      push(keyword, 'FORM_UNKNOWN_KEYWORD', `"${keyword}" is not a field keyword.`);
    } else if (nested && TOP_LEVEL_ONLY.includes(keyword)) {
      push(keyword, 'FORM_KEYWORD_NOT_APPLICABLE', `Columns of a table cannot have ${keyword}.`);
    } else if (
      kind !== null &&
      !COMMON_KEYWORDS.includes(keyword) &&
      !(KINDS[kind].keywords as readonly string[]).includes(keyword)
    ) {
      push(keyword, 'FORM_KEYWORD_NOT_APPLICABLE', `${keyword} has no effect on a ${kind} field.`);
    }
  }

  checkTitle(ownValue(field, 'title'), [...at, 'title'], problems);
  for (const keyword of ['description', 'x-placeholder']) {
    const value = ownValue(field, keyword);
    if (value !== undefined && typeof value !== 'string')
      push(keyword, 'FORM_MALFORMED', `${keyword} must be text.`);
  }
  const type = ownValue(field, 'type');
  if (kind === null) {
    push(
      'x-kind',
      'FORM_UNKNOWN_FIELD_TYPE',
      `${describeValue(rawKind)} is not a field kind (${FIELD_KINDS.join(', ')}).`,
    );
    if (typeof type !== 'string' || !JSON_TYPES.includes(type))
      push('type', 'FORM_MALFORMED', 'type is not a JSON type.');
  } else if (!(KINDS[kind].types as readonly unknown[]).includes(type)) {
    push('type', 'FORM_KIND_TYPE_MISMATCH', `A ${kind} field has type ${KINDS[kind].types.join(' or ')}.`);
  }
  if (nested && kind === 'table') push('x-kind', 'FORM_NESTED_TABLE', 'A table column cannot be a table.');

  if (!nested) {
    const section = ownValue(field, 'x-section');
    if (section !== undefined && typeof section !== 'string')
      push('x-section', 'FORM_MALFORMED', 'x-section must be a section key.');
    else if (typeof section === 'string' && !sectionKeys.has(section)) {
      push('x-section', 'FORM_UNKNOWN_SECTION', `The form has no section "${section}".`);
    }
    const prefill = ownValue(field, 'x-prefill');
    if (prefill !== undefined) checkPrefill(prefill, [...at, 'x-prefill'], problems);
  }

  const pattern = ownValue(field, 'pattern');
  if (pattern !== undefined) {
    if (typeof pattern !== 'string') push('pattern', 'FORM_MALFORMED', 'pattern must be text.');
    else if (compilePattern(pattern) === null)
      push('pattern', 'FORM_INVALID_PATTERN', `/${pattern}/u is not a valid regular expression.`);
  }
  const format = ownValue(field, 'format');
  if (format !== undefined && format !== 'date')
    push('format', 'FORM_INVALID_FORMAT', 'The only format is "date".');

  checkBounds(field, at, problems);
  if (kind === 'select' || kind === 'multiselect') checkOptions(field, kind, at, problems);
  if (kind === 'table') {
    const items = ownValue(field, 'items');
    if (!isRecord(items) || ownValue(items, 'type') !== 'object') {
      push('items', 'FORM_TABLE_ITEMS_REQUIRED', 'A table needs items: an object schema for its rows.');
    } else {
      checkObjectSchema(items, [...at, 'items'], true, problems);
    }
  }
  if (kind === 'attachment') {
    const accept = ownValue(field, 'x-accept');
    if (accept !== undefined && !Array.isArray(accept))
      push('x-accept', 'FORM_MALFORMED', 'x-accept must be a list.');
    else if (Array.isArray(accept)) {
      accept.forEach((entry: unknown, index) => {
        if (typeof entry !== 'string' || !ACCEPT.test(entry)) {
          push(
            ['x-accept', index],
            'FORM_INVALID_ACCEPT',
            `${describeValue(entry)} is not .ext or type/subtype.`,
          );
        }
      });
    }
  }
}

function checkPrefill(prefill: unknown, at: Path, problems: RuleProblem[]): void {
  if (!isRecord(prefill)) {
    problems.push(problem(at, 'FORM_MALFORMED', 'x-prefill must be an object with source and path.'));
    return;
  }
  for (const keyword of Object.keys(prefill)) {
    if (!['source', 'path', 'licenceType'].includes(keyword) && !keyword.startsWith('$')) {
      problems.push(
        problem([...at, keyword], 'FORM_UNKNOWN_KEYWORD', `"${keyword}" is not a prefill keyword.`),
      );
    }
  }
  const source = ownValue(prefill, 'source');
  if (typeof source !== 'string' || !PREFILL_SOURCES.includes(source)) {
    problems.push(
      problem(
        [...at, 'source'],
        'FORM_INVALID_PREFILL',
        `${describeValue(source)} is not applicant, enterprise or licence.`,
      ),
    );
  }
  const path = ownValue(prefill, 'path');
  if (path !== undefined && typeof path !== 'string') {
    problems.push(problem([...at, 'path'], 'FORM_MALFORMED', 'The prefill path must be text.'));
  } else if (path === undefined || path.split('.').some((segment) => segment.trim() === '')) {
    problems.push(
      problem([...at, 'path'], 'FORM_PREFILL_PATH_EMPTY', 'The prefill path (or a part of it) is empty.'),
    );
  }
  const licenceType = ownValue(prefill, 'licenceType');
  if (licenceType !== undefined && typeof licenceType !== 'string') {
    problems.push(problem([...at, 'licenceType'], 'FORM_MALFORMED', 'licenceType must be text.'));
  } else if (source === 'licence' && (licenceType === undefined || licenceType.trim() === '')) {
    problems.push(
      problem(
        [...at, 'licenceType'],
        'FORM_PREFILL_LICENCE_TYPE_REQUIRED',
        'A prefill from a licence names the licence type.',
      ),
    );
  }
}

const COUNT_BOUNDS = ['minLength', 'maxLength', 'minItems', 'maxItems'] as const;
const BOUND_PAIRS = [
  ['minLength', 'maxLength'],
  ['minimum', 'maximum'],
  ['minItems', 'maxItems'],
  ['formatMinimum', 'formatMaximum'],
] as const;

function checkBounds(field: Record<string, unknown>, at: Path, problems: RuleProblem[]): void {
  const valid = new Set<string>();
  const check = (
    keyword: string,
    ok: (value: unknown) => boolean,
    code: 'FORM_INVALID_BOUND' | 'FORM_INVALID_DATE',
    what: string,
  ) => {
    const value = ownValue(field, keyword);
    if (value === undefined) return;
    if (ok(value)) valid.add(keyword);
    else problems.push(problem([...at, keyword], code, `${keyword} must be ${what}.`));
  };
  for (const keyword of COUNT_BOUNDS)
    check(keyword, isCount, 'FORM_INVALID_BOUND', 'a whole number, 0 or more');
  for (const keyword of ['minimum', 'maximum'])
    check(keyword, isFiniteNumber, 'FORM_INVALID_BOUND', 'a number');
  for (const keyword of ['formatMinimum', 'formatMaximum'])
    check(keyword, isDate, 'FORM_INVALID_DATE', 'a date YYYY-MM-DD');
  check(
    'x-max-files',
    (value) => isCount(value) && value >= 1,
    'FORM_INVALID_BOUND',
    'a whole number, 1 or more',
  );
  check(
    'x-max-size-kb',
    (value) => isFiniteNumber(value) && value > 0,
    'FORM_INVALID_BOUND',
    'a number above 0',
  );
  for (const [min, max] of BOUND_PAIRS) {
    if (
      valid.has(min) &&
      valid.has(max) &&
      (field[min] as number | string) > (field[max] as number | string)
    ) {
      problems.push(problem([...at, max], 'FORM_MIN_GREATER_THAN_MAX', `${min} is greater than ${max}.`));
    }
  }
}

function checkOptions(
  field: Record<string, unknown>,
  kind: 'select' | 'multiselect',
  at: Path,
  problems: RuleProblem[],
): void {
  const own = ownValue(field, 'enum');
  let values = own;
  let valuesAt: Path = [...at, 'enum'];
  if (kind === 'multiselect') {
    const items = ownValue(field, 'items');
    if (items !== undefined) {
      if (!isRecord(items)) {
        problems.push(
          problem(
            [...at, 'items'],
            'FORM_MALFORMED',
            'items of a multiselect must be { type: "string", enum }.',
          ),
        );
      } else {
        for (const keyword of Object.keys(items)) {
          if (!['type', 'enum'].includes(keyword) && !keyword.startsWith('$')) {
            problems.push(
              problem(
                [...at, 'items', keyword],
                'FORM_UNKNOWN_KEYWORD',
                `"${keyword}" is not allowed in items here.`,
              ),
            );
          }
        }
        if (ownValue(items, 'type') !== 'string') {
          problems.push(
            problem(
              [...at, 'items', 'type'],
              'FORM_KIND_TYPE_MISMATCH',
              'Multiselect values have type string.',
            ),
          );
        }
        const itemValues = ownValue(items, 'enum');
        if (itemValues !== undefined) {
          if (own !== undefined && !sameList(own, itemValues)) {
            problems.push(
              problem([...at, 'enum'], 'FORM_ENUM_CONFLICT', 'enum and items.enum list different options.'),
            );
          }
          values = itemValues;
          valuesAt = [...at, 'items', 'enum'];
        }
      }
    }
  }
  if (values === undefined) {
    problems.push(problem([...at, 'enum'], 'FORM_ENUM_REQUIRED', `A ${kind} field needs options (enum).`));
    return;
  }
  if (!Array.isArray(values)) {
    problems.push(problem(valuesAt, 'FORM_MALFORMED', 'enum must be a list of option values.'));
    return;
  }
  if (values.length === 0)
    problems.push(problem(valuesAt, 'FORM_ENUM_REQUIRED', `A ${kind} field needs at least one option.`));
  const seen = new Set<string>();
  values.forEach((value: unknown, index) => {
    if (typeof value !== 'string') {
      problems.push(problem([...valuesAt, index], 'FORM_MALFORMED', 'An option value must be text.'));
    } else if (value.trim() === '') {
      problems.push(problem([...valuesAt, index], 'FORM_EMPTY_OPTION', 'An option value is empty.'));
    } else if (seen.has(value)) {
      problems.push(
        problem([...valuesAt, index], 'FORM_DUPLICATE_OPTION', `Option "${value}" is listed twice.`),
      );
    }
    if (typeof value === 'string') seen.add(value);
  });
  const labels = ownValue(field, 'x-enum-labels');
  if (labels === undefined) return;
  if (!Array.isArray(labels) || labels.some((label) => typeof label !== 'string')) {
    problems.push(
      problem([...at, 'x-enum-labels'], 'FORM_MALFORMED', 'x-enum-labels must be a list of texts.'),
    );
  } else if (labels.length !== values.length) {
    problems.push(
      problem(
        [...at, 'x-enum-labels'],
        'FORM_ENUM_LABELS_LENGTH',
        `There are ${labels.length} labels for ${values.length} options.`,
      ),
    );
  }
}

// —— data ———————————————————————————————————————————————————————————————————————————————————————————————

/**
 * Checks submitted (or half-typed) form data against a form definition and lists every problem, with paths
 * `data.<field>`, `data.<table>.<row>.<column>`, `data.<list>.<index>`. Never throws, whatever `data` is. The
 * definition is assumed to have passed {@link validateFormDefinition}; a broken one is read as far as it goes.
 *
 * With `options.sections`, fields of other sections do not apply: they are not required, and a value for one
 * is FIELD_NOT_APPLICABLE. ID numbers, credit codes and phone numbers are checked after normalisation
 * (full-width digits, spaces, `+86`), so callers store the normalised form.
 */
export function validateFormData(
  schema: FormSchema,
  data: unknown,
  options: ValidateFormDataOptions = {},
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const at = [options.path ?? 'data'];
  if (!isRecord(data)) {
    problems.push(problem(at, 'DATA_NOT_OBJECT', 'The form data must be an object of field keys to values.'));
    return problems;
  }
  checkObjectData(schema, data, at, options.sections, options.today ?? new Date(), problems);
  return problems;
}

function checkObjectData(
  schema: unknown,
  data: Record<string, unknown>,
  at: Path,
  sections: readonly string[] | undefined,
  today: Date,
  problems: RuleProblem[],
): void {
  const all = readFields(schema, undefined);
  const applicable = new Set(readFields(schema, sections).map((entry) => entry.key));
  for (const { key, field, required } of all) {
    if (applicable.has(key)) checkValue(field, ownValue(data, key), required, [...at, key], today, problems);
  }
  const properties = isRecord(schema) ? ownValue(schema, 'properties') : undefined;
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (value === undefined) continue;
    if (!isRecord(properties) || !Object.hasOwn(properties, key)) {
      problems.push(problem([...at, key], 'FIELD_UNKNOWN', `The form has no field "${key}".`));
    } else if (!applicable.has(key) && !isEmptyValue(value)) {
      problems.push(
        problem([...at, key], 'FIELD_NOT_APPLICABLE', `Field "${key}" is in a section that does not apply.`),
      );
    }
  }
}

function checkValue(
  field: Record<string, unknown>,
  value: unknown,
  required: boolean,
  at: Path,
  today: Date,
  problems: RuleProblem[],
): void {
  const push = (code: Parameters<typeof problem>[1], message: string, segments: Path = at) =>
    problems.push(problem(segments, code, message));
  if (isEmptyValue(value)) {
    if (required) push('FIELD_REQUIRED', 'This field is required.');
    return;
  }
  const kind = ownValue(field, 'x-kind');
  /** The value as text, or `null` after reporting FIELD_TYPE. */
  const text = (): string | null => {
    if (typeof value === 'string') return value;
    push('FIELD_TYPE', 'The value must be text.');
    return null;
  };
  /** The value as a list, or `null` after reporting FIELD_TYPE. */
  const list = (): unknown[] | null => {
    if (Array.isArray(value)) return value;
    push('FIELD_TYPE', 'The value must be a list.');
    return null;
  };
  switch (kind) {
    case 'text':
    case 'textarea':
    case 'address': {
      const value = text();
      if (value === null) return;
      const length = Array.from(value).length;
      const minLength = numberKeyword(field, 'minLength');
      const maxLength = numberKeyword(field, 'maxLength');
      if (minLength !== undefined && length < minLength)
        push('FIELD_TOO_SHORT', `Use at least ${minLength} characters.`);
      if (maxLength !== undefined && length > maxLength)
        push('FIELD_TOO_LONG', `Use at most ${maxLength} characters.`);
      const pattern = ownValue(field, 'pattern');
      const regex = typeof pattern === 'string' ? compilePattern(pattern) : null;
      if (regex !== null && !regex.test(value))
        push('FIELD_PATTERN', 'The text does not have the required form.');
      return;
    }
    case 'number': {
      if (!isFiniteNumber(value)) {
        push('FIELD_TYPE', 'The value must be a number.');
        return;
      }
      if (ownValue(field, 'type') === 'integer' && !Number.isInteger(value))
        push('FIELD_NOT_INTEGER', 'Use a whole number.');
      const minimum = numberKeyword(field, 'minimum');
      const maximum = numberKeyword(field, 'maximum');
      if (minimum !== undefined && value < minimum) push('FIELD_TOO_SMALL', `Use ${minimum} or more.`);
      if (maximum !== undefined && value > maximum) push('FIELD_TOO_LARGE', `Use ${maximum} or less.`);
      return;
    }
    case 'date': {
      const value = text();
      if (value === null) return;
      if (!isDate(value)) {
        push('FIELD_DATE_INVALID', 'Use a real date in the form YYYY-MM-DD.');
        return;
      }
      const earliest = ownValue(field, 'formatMinimum');
      const latest = ownValue(field, 'formatMaximum');
      if (isDate(earliest) && value < earliest) push('FIELD_DATE_TOO_EARLY', `Use ${earliest} or later.`);
      if (isDate(latest) && value > latest) push('FIELD_DATE_TOO_LATE', `Use ${latest} or earlier.`);
      return;
    }
    case 'select': {
      const value = text();
      if (value !== null && !optionValues(field).includes(value)) {
        push('FIELD_NOT_IN_OPTIONS', `"${value}" is not one of the options.`);
      }
      return;
    }
    case 'multiselect': {
      const values = list();
      if (values === null) return;
      const allowed = optionValues(field);
      const seen = new Set<unknown>();
      values.forEach((entry, index) => {
        if (typeof entry !== 'string' || !allowed.includes(entry)) {
          push('FIELD_NOT_IN_OPTIONS', `${describeValue(entry)} is not one of the options.`, [...at, index]);
        } else if (seen.has(entry)) {
          push('FIELD_DUPLICATE_VALUE', `"${entry}" is chosen twice.`, [...at, index]);
        }
        seen.add(entry);
      });
      checkCount(field, values.length, push);
      return;
    }
    case 'region': {
      const value = text();
      if (value !== null && !REGION.test(value))
        push('FIELD_REGION_INVALID', 'A region code has 6, 9 or 12 digits.');
      return;
    }
    case 'idNumber': {
      const value = text();
      if (value === null) return;
      const result = validateIdCard(value, today);
      if (!result.ok) push('FIELD_ID_NUMBER_INVALID', `The ID number ${ID_CARD_REASON[result.reason]}.`);
      return;
    }
    case 'uscc': {
      const value = text();
      if (value === null) return;
      const result = validateUscc(value);
      if (!result.ok) {
        push(
          'FIELD_USCC_INVALID',
          result.reason === 'format'
            ? 'A credit code has 18 characters: digits and capitals without I, O, S, V, Z.'
            : 'The credit code has a wrong check character.',
        );
      }
      return;
    }
    case 'phone': {
      const value = text();
      if (value !== null && !PHONE.test(normaliseForBlindIndex(value, 'phone'))) {
        push('FIELD_PHONE_INVALID', 'Use an 11-digit mainland mobile number starting with 13–19.');
      }
      return;
    }
    case 'table': {
      const rows = list();
      if (rows === null) return;
      checkCount(field, rows.length, push);
      const rowSchema = ownValue(field, 'items');
      rows.forEach((row, index) => {
        if (!isRecord(row)) push('FIELD_TYPE', 'A table row must be an object.', [...at, index]);
        else checkObjectData(rowSchema, row, [...at, index], undefined, today, problems);
      });
      return;
    }
    case 'attachment': {
      const files = list();
      if (files === null) return;
      const maxFiles = numberKeyword(field, 'x-max-files');
      if (maxFiles !== undefined && files.length > maxFiles)
        push('FIELD_TOO_MANY', `Attach at most ${maxFiles} files.`);
      const accept = ownValue(field, 'x-accept');
      const maxSize = numberKeyword(field, 'x-max-size-kb');
      files.forEach((file, index) => {
        const fileAt = [...at, index];
        if (!isAttachment(file)) {
          push('FIELD_ATTACHMENT_INVALID', 'An attachment has fileId, name, sizeKb and type.', fileAt);
          return;
        }
        if (Array.isArray(accept) && !accepts(accept, file)) {
          push(
            'FIELD_ATTACHMENT_TYPE',
            `${file.name} is not of an accepted type (${accept.filter((entry) => typeof entry === 'string').join(', ')}).`,
            fileAt,
          );
        }
        if (maxSize !== undefined && file.sizeKb > maxSize) {
          push('FIELD_ATTACHMENT_TOO_LARGE', `${file.name} is larger than ${maxSize} KB.`, fileAt);
        }
      });
      return;
    }
    default:
      return; // an unknown kind: the definition is broken, and validateFormDefinition says so
  }
}

function checkCount(
  field: Record<string, unknown>,
  count: number,
  push: (code: 'FIELD_TOO_FEW' | 'FIELD_TOO_MANY', message: string) => void,
): void {
  const minItems = numberKeyword(field, 'minItems');
  const maxItems = numberKeyword(field, 'maxItems');
  if (minItems !== undefined && count < minItems) push('FIELD_TOO_FEW', `Give at least ${minItems}.`);
  if (maxItems !== undefined && count > maxItems) push('FIELD_TOO_MANY', `Give at most ${maxItems}.`);
}

function isAttachment(value: unknown): value is AttachmentValue {
  if (!isRecord(value)) return false;
  const { fileId, name, sizeKb, type } = {
    fileId: ownValue(value, 'fileId'),
    name: ownValue(value, 'name'),
    sizeKb: ownValue(value, 'sizeKb'),
    type: ownValue(value, 'type'),
  };
  return (
    typeof fileId === 'string' &&
    fileId !== '' &&
    typeof name === 'string' &&
    typeof type === 'string' &&
    isFiniteNumber(sizeKb) &&
    sizeKb >= 0
  );
}

/** A file matches `.ext` by the end of its name, `type/subtype` by its MIME type, `type/*` by the MIME type's first part. */
function accepts(accept: readonly unknown[], file: AttachmentValue): boolean {
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return accept.some((entry) => {
    if (typeof entry !== 'string') return false;
    const wanted = entry.toLowerCase();
    if (wanted.startsWith('.')) return name.endsWith(wanted);
    if (wanted.endsWith('/*')) return type.startsWith(wanted.slice(0, -1));
    return type === wanted;
  });
}

// —— renderers and prefill ——————————————————————————————————————————————————————————————————————————————

/**
 * JSON keeps the order of an object's keys; PostgreSQL `jsonb` does not. Before a form is stored, its
 * declaration order is pinned in `x-order` (also in table row schemas) unless one is given, so fields
 * render in the order their author wrote them. Anything that is not a form comes back unchanged.
 */
export function pinFieldOrder<T>(schema: T): T {
  if (!isRecord(schema)) return schema;
  const properties = ownValue(schema, 'properties');
  if (!isRecord(properties)) return schema;
  const pinned: Record<string, unknown> = {};
  for (const key of Object.keys(properties)) {
    const field = properties[key];
    const items = isRecord(field) ? ownValue(field, 'items') : undefined;
    pinned[key] =
      isRecord(field) && isRecord(items) && 'properties' in items
        ? { ...field, items: pinFieldOrder(items) }
        : field;
  }
  const order = ownValue(schema, 'x-order') ?? Object.keys(properties);
  return { ...schema, properties: pinned, 'x-order': order } as T;
}

/**
 * The fields to render, in `x-order` and then declaration order, each with whether it is required. With
 * `options.sections`, only fields in those sections and fields without a section.
 */
export function formFields(
  schema: FormSchema,
  options: FormSectionsOption = {},
): Array<{ key: string; field: FieldSchema; required: boolean }> {
  return readFields(schema, options.sections).map(({ key, field, required }) => ({
    key,
    field: field as unknown as FieldSchema,
    required,
  }));
}

/** The options of a select or multiselect with their labels (the value when a label is missing). */
export function fieldOptions(field: FieldSchema): Array<{ value: string; label: string }> {
  const labels = ownValue(field as unknown as Record<string, unknown>, 'x-enum-labels');
  return optionValues(field as unknown as Record<string, unknown>).map((value, index) => {
    const label = Array.isArray(labels) ? labels[index] : undefined;
    return { value, label: typeof label === 'string' && label !== '' ? label : value };
  });
}

/**
 * Initial values from the fields' `x-prefill`: a dotted-path lookup in the applicant, the enterprise or the
 * licence of the named type (own properties only; numeric segments index lists). Fields whose source or value
 * is missing (or `null`) are left out; values are copied, so editing them does not change the sources.
 */
export function prefillValues(
  schema: FormSchema,
  sources: FormPrefillSources,
  options: FormSectionsOption = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { key, field } of readFields(schema, options.sections)) {
    const prefill = ownValue(field, 'x-prefill');
    if (!isRecord(prefill)) continue;
    const path = ownValue(prefill, 'path');
    if (typeof path !== 'string' || path === '') continue;
    let origin: unknown;
    switch (ownValue(prefill, 'source')) {
      case 'applicant':
        origin = sources.applicant;
        break;
      case 'enterprise':
        origin = sources.enterprise;
        break;
      case 'licence': {
        const licenceType = ownValue(prefill, 'licenceType');
        origin =
          typeof licenceType === 'string' && isRecord(sources.licences)
            ? ownValue(sources.licences, licenceType)
            : undefined;
        break;
      }
    }
    const value = lookup(origin, path);
    if (value !== undefined && value !== null) values[key] = copyJson(value);
  }
  return values;
}

/** True for what a form treats as not filled in: missing, `null`, blank text, an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

// —— reading an untrusted schema ————————————————————————————————————————————————————————————————————————

interface ReadField {
  key: string;
  field: Record<string, unknown>;
  required: boolean;
}

/** The object fields of a schema in display order, with their required flags, filtered by sections. */
function readFields(schema: unknown, sections: readonly string[] | undefined): ReadField[] {
  if (!isRecord(schema)) return [];
  const properties = ownValue(schema, 'properties');
  if (!isRecord(properties)) return [];
  const required = ownValue(schema, 'required');
  const requiredKeys = new Set(Array.isArray(required) ? required : []);
  const order = ownValue(schema, 'x-order');
  const keys = new Set<string>();
  for (const key of Array.isArray(order) ? order : []) {
    if (typeof key === 'string' && Object.hasOwn(properties, key)) keys.add(key);
  }
  for (const key of Object.keys(properties)) keys.add(key);
  const fields: ReadField[] = [];
  for (const key of keys) {
    const field = properties[key];
    if (!isRecord(field)) continue;
    const section = ownValue(field, 'x-section');
    if (sections !== undefined && typeof section === 'string' && !sections.includes(section)) continue;
    fields.push({ key, field, required: requiredKeys.has(key) });
  }
  return fields;
}

function optionValues(field: Record<string, unknown>): string[] {
  const items = ownValue(field, 'items');
  const values = (isRecord(items) ? ownValue(items, 'enum') : undefined) ?? ownValue(field, 'enum');
  return Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : [];
}

function numberKeyword(field: Record<string, unknown>, keyword: string): number | undefined {
  const value = ownValue(field, keyword);
  return isFiniteNumber(value) ? value : undefined;
}

const patterns = new Map<string, RegExp | null>();

/** Compiles (once) a pattern with the `u` flag, as JSON Schema specifies; `null` when it does not compile. */
function compilePattern(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = null;
    }
    if (patterns.size > 500) patterns.clear();
    patterns.set(pattern, regex);
  }
  return patterns.get(pattern) ?? null;
}

/** A real calendar date written YYYY-MM-DD. */
function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function sameList(a: unknown, b: unknown): boolean {
  return (
    Array.isArray(a) &&
    Array.isArray(b) &&
    a.length === b.length &&
    a.every((value, index) => value === b[index])
  );
}

function lookup(origin: unknown, path: string): unknown {
  let current = origin;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A copy of a JSON value (lists and plain objects copied, everything else as is). */
function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  const prototype = isRecord(value) ? Object.getPrototypeOf(value) : undefined;
  if (isRecord(value) && (prototype === Object.prototype || prototype === null)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, copyJson(entry)]));
  }
  return value;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === undefined) return 'Nothing';
  return value === null ? 'null' : `A ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object[key]` for own properties only, so `__proto__` or `constructor` never reach the prototype. */
function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
