/**
 * Pure helpers of the 事项管理 editors: which tab an element's path belongs to, 元 ↔ 分, JSON text of the
 * rule documents, the keys situations may refer to, a light check of 秒批 rules and fresh elements. The
 * server is authoritative on submit (guide-rules.ts); these only make the editors answer instantly.
 */
import type { FormSchema } from '@shared/catalog/forms';
import type { RuleProblem } from '@shared/catalog/problems';
import type { SituationRefs } from '@shared/catalog/situations';
import type { Fee, ItemGuide, Material, Step } from '../api/catalog-admin';

/**
 * The two digits that start every basic code of an item type (server vocabulary.ts; shown as the code rule
 * hint when a basic item is created).
 */
export const ITEM_TYPE_DIGITS: Readonly<Record<string, string>> = {
  licence: '01',
  penalty: '02',
  enforcement: '03',
  levy: '04',
  benefit: '05',
  inspection: '06',
  confirmation: '07',
  reward: '08',
  adjudication: '09',
  otherPower: '10',
  filing: '11',
  publicService: '20',
};

/** The tabs of the item editor that hold guide elements. */
export const GUIDE_TABS = ['basics', 'materials', 'steps', 'situations', 'form'] as const;
export type GuideTab = (typeof GUIDE_TABS)[number];

/** A problem of a guide element, wherever it came from (400 shape errors, validation, submit). */
export interface GuideProblem {
  /** Path relative to the guide, e.g. `materials.2.copies`. */
  path: string;
  code?: string;
  message: string;
}

/** `body.materials.0.name` → `materials.0.name` (server problems name the request body). */
export function guidePath(field: string): string {
  return field.replace(/^(body|query|params)\.?/, '');
}

/** The tab showing the element at `path`. */
export function tabOfPath(path: string): GuideTab {
  const head = path.split('.')[0] ?? '';
  if (head === 'materials') return 'materials';
  if (head === 'steps') return 'steps';
  if (head === 'situations') return 'situations';
  if (head === 'form') return 'form';
  return 'basics';
}

/** The problems grouped by tab, in tab order; tabs without problems are left out. */
export function problemsByTab(
  problems: readonly GuideProblem[],
): { tab: GuideTab; problems: GuideProblem[] }[] {
  return GUIDE_TABS.map((tab) => ({
    tab,
    problems: problems.filter((p) => tabOfPath(p.path) === tab),
  })).filter((group) => group.problems.length > 0);
}

/** The problems keyed by path (messages of one path joined), for `:error` of form items. */
export function problemMap(problems: readonly GuideProblem[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { path, message } of problems) map[path] = map[path] ? `${map[path]}; ${message}` : message;
  return map;
}

/** The messages at `path` and below it (`materials.0` collects `materials.0.name`…). */
export function problemsUnder(map: Record<string, string>, path: string): string {
  return Object.entries(map)
    .filter(([key]) => key === path || key.startsWith(`${path}.`))
    .map(([, message]) => message)
    .join('; ');
}

/** 分 → 元 for display and input. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** 元 → 分, rounded to whole fen. */
export function yuanToFen(yuan: number | null | undefined): number {
  return yuan == null || Number.isNaN(yuan) ? 0 : Math.round(yuan * 100);
}

export function formatYuan(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

/** A rule document as the text of its JSON editor ('' for none). */
export function jsonText(value: unknown): string {
  return value === undefined || value === null ? '' : JSON.stringify(value, null, 2);
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses a JSON editor's text; blank text is `null` (no document). */
export function parseJson(text: string): ParsedJson {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The section keys of a form definition (whatever its state). */
export function formSectionKeys(form: unknown): string[] {
  if (!isRecord(form) || !Array.isArray(form['x-sections'])) return [];
  return form['x-sections'].flatMap((s: unknown) =>
    isRecord(s) && typeof s.key === 'string' ? [s.key] : [],
  );
}

/** The top-level field keys of a form definition. */
export function formFieldKeys(form: unknown): string[] {
  return isRecord(form) && isRecord(form.properties) ? Object.keys(form.properties) : [];
}

/** A form definition fit to render (an object schema with properties), else null. */
export function renderableForm(form: unknown): FormSchema | null {
  return isRecord(form) && form.type === 'object' && isRecord(form.properties)
    ? (form as unknown as FormSchema)
    : null;
}

/** What a situation tree of this guide may select. */
export function situationRefs(guide: ItemGuide): SituationRefs {
  return {
    materials: (guide.materials ?? []).map((m) => m.key),
    formSections: formSectionKeys(guide.form),
    fees: (guide.fees ?? []).map((f) => f.key),
  };
}

/** JSON Logic operators a 秒批 rule set may use (as the server's instant-rules.ts allows). */
const RULE_OPERATORS = new Set(
  'var missing missing_some if ?: == === != !== ! !! or and > >= < <= max min + - * / % in cat substr merge map filter reduce all none some'.split(
    ' ',
  ),
);
/** Inside these, `var` reads the current element: not a variable of the application. */
const SCOPED_OPERATORS = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

/**
 * A quick check of a 秒批 rule set as the editor types, mirroring the server's: one JSON Logic operation,
 * allowed operators only, variables `form.<field>` (a field of the form), `verified.<item>` or
 * `applicant.<x>`. The server also runs the rules once; it is authoritative.
 */
export function checkInstantRules(rules: unknown, formFields: readonly string[] | null): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });
  const walk = (node: unknown, at: string, scoped: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, `${at}.${i}`, scoped);
      });
      return;
    }
    if (!isRecord(node)) return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      add(at, 'RULES_NOT_LOGIC', 'an operation has exactly one operator');
      return;
    }
    const operator = keys[0]!;
    const args = node[operator];
    const here = `${at}.${operator}`;
    if (!RULE_OPERATORS.has(operator)) {
      add(here, 'RULES_OPERATOR', `operator ${operator} is not allowed`);
      return;
    }
    if (operator === 'var' && !scoped) checkVariable(args, here);
    const list = Array.isArray(args) ? args : [args];
    list.forEach((child, i) => {
      const inner = scoped || (SCOPED_OPERATORS.has(operator) && i > 0);
      walk(child, Array.isArray(args) ? `${here}.${i}` : here, inner);
    });
  };
  const checkVariable = (args: unknown, at: string): void => {
    const name = Array.isArray(args) ? args[0] : args;
    const [root, field] = typeof name === 'string' ? name.split('.') : [];
    if (!root || !field || !['form', 'verified', 'applicant'].includes(root)) {
      add(
        at,
        'RULES_VARIABLE',
        `variable ${String(name)} must be form.<field>, verified.<item> or applicant.<x>`,
      );
    } else if (root === 'form' && formFields && !formFields.includes(field)) {
      add(at, 'RULES_UNKNOWN_FIELD', `the form has no field ${field}`);
    }
  };
  if (!isRecord(rules) || Object.keys(rules).length !== 1) {
    add('mode.rules', 'RULES_NOT_LOGIC', 'the rule set must be one JSON Logic operation');
    return problems;
  }
  walk(rules, 'mode.rules', false);
  return problems;
}

/** A key not yet used in `taken`, from a prefix: `material3`. */
export function freshKey(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function newMaterial(taken: readonly string[]): Material {
  return {
    key: freshKey('material', taken),
    name: '',
    source: 'applicant',
    form: 'original',
    copies: 1,
    requirement: 'required',
    media: 'both',
    fileTypes: ['pdf', 'jpg', 'png'],
    maxSizeKb: 10240,
  };
}

export function newFee(taken: readonly string[]): Fee {
  return { key: freshKey('fee', taken), name: '', amountFen: 0, basis: '', requirement: 'required' };
}

export function newStep(): Step {
  return { name: '', description: '', days: 0 };
}

/** A deep copy of JSON data (guides are JSON: no dates, no functions). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A guide without the empty optional texts an editor leaves behind, as the server stores it. */
export function tidyGuide(guide: ItemGuide): ItemGuide {
  const copy = cloneJson(guide) as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) {
    if (value === undefined || (typeof value === 'string' && value.trim() === '' && key !== 'name'))
      delete copy[key];
  }
  const materials = (copy.materials as Material[] | undefined) ?? [];
  for (const m of materials) {
    for (const key of ['licenceTypeCode', 'issuer', 'templateFile', 'sampleFile', 'notes'] as const) {
      if (typeof m[key] === 'string' && m[key].trim() === '') delete m[key];
    }
    if (m.source !== 'licence') delete m.licenceTypeCode;
  }
  const result = copy.result as ItemGuide['result'];
  if (result) {
    if (!result.licenceTypeCode?.trim() || result.type !== 'licence') delete result.licenceTypeCode;
    if (!result.sampleFile?.trim()) delete result.sampleFile;
  }
  return copy as ItemGuide;
}
