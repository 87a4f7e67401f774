import type { RuleProblem } from '../../shared/catalog/problems.js';
import type { UpdateBundleRequest } from './bundle-schema.js';
import { formFieldKeys, validateForm } from './form-refs.js';
import { themes } from './vocabulary.js';

/** What the rules need to know of each member item: whether it can be applied for, and its form. */
export interface MemberFacts {
  published: boolean;
  form: unknown;
}

/**
 * Whether a bundle can be saved: a valid shared form, distinct members that exist and are published,
 * and every mapped field present on both sides (shared form → member form). Returns every problem.
 */
export function checkBundle(
  bundle: Pick<UpdateBundleRequest, 'form' | 'members' | 'themes'>,
  facts: ReadonlyMap<string, MemberFacts>,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });
  const formProblems = validateForm(bundle.form);
  problems.push(...formProblems);
  const shared = formProblems.length === 0 ? new Set(formFieldKeys(bundle.form)) : null;
  (bundle.themes ?? []).forEach((code, i) => {
    if (!themes.some((t) => t.code === code)) add(`themes.${i}`, 'UNKNOWN', `no theme ${code}`);
  });
  const seen = new Set<string>();
  bundle.members.forEach((member, i) => {
    const at = `members.${i}`;
    if (seen.has(member.itemId)) add(`${at}.itemId`, 'DUPLICATE', 'the item is a member twice');
    seen.add(member.itemId);
    const fact = facts.get(member.itemId);
    if (!fact) {
      add(`${at}.itemId`, 'UNKNOWN_ITEM', 'no such item');
      return;
    }
    if (!fact.published) add(`${at}.itemId`, 'NOT_PUBLISHED', 'the item has no published version');
    const own =
      fact.form != null && validateForm(fact.form).length === 0 ? new Set(formFieldKeys(fact.form)) : null;
    for (const [from, to] of Object.entries(member.fieldMap)) {
      if (shared && !shared.has(from))
        add(`${at}.fieldMap.${from}`, 'UNKNOWN_FIELD', `the shared form has no field ${from}`);
      if (!own) add(`${at}.fieldMap.${from}`, 'NO_MEMBER_FORM', 'the item has no form to fill');
      else if (!own.has(to))
        add(`${at}.fieldMap.${from}`, 'UNKNOWN_MEMBER_FIELD', `the item’s form has no field ${to}`);
    }
  });
  return problems;
}
