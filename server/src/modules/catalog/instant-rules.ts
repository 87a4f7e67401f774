import jsonLogic from 'json-logic-js';
import type { RuleProblem } from '../../shared/catalog/problems.js';

/**
 * 秒批 rule sets are JSON Logic (`json-logic-js`) over `{ form, verified, applicant }`: `form.<field>` the
 * application form, `verified.<item>` data items verified by sharing (e.g. an e-licence), `applicant.<x>`
 * the applicant's profile. The case engine evaluates them later; here a rule set is checked to parse,
 * to use only side-effect-free operators from the list below, and to read only known variables.
 */
export const ALLOWED_OPERATORS = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'in',
  'cat',
  'substr',
  'merge',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
]);

const ROOTS = ['form', 'verified', 'applicant'];
// inside map / filter / reduce / all / none / some, `var` reads the current element (and accumulator)
const SCOPED = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

function isOperation(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1
  );
}

/** Problems of a 秒批 rule set; `formFields` (keys of the item's form) limits `form.<field>` reads. */
export function validateRuleSet(rules: unknown, formFields: readonly string[] | null, path = 'mode.rules') {
  const problems: RuleProblem[] = [];
  if (!isOperation(rules)) {
    problems.push({
      path,
      code: 'RULES_NOT_LOGIC',
      message: 'the rule set must be one JSON Logic operation',
    });
    return problems;
  }
  const fields = formFields ? new Set(formFields) : null;
  const walk = (node: unknown, at: string, scoped: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, `${at}.${i}`, scoped);
      });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push({ path: at, code: 'RULES_NOT_LOGIC', message: 'an operation has exactly one operator' });
      return;
    }
    const operator = keys[0]!;
    const args = (node as Record<string, unknown>)[operator];
    const opPath = `${at}.${operator}`;
    if (!ALLOWED_OPERATORS.has(operator)) {
      problems.push({ path: opPath, code: 'RULES_OPERATOR', message: `operator ${operator} is not allowed` });
      return;
    }
    if (operator === 'var' && !scoped) checkVariable(args, opPath);
    const list = Array.isArray(args) ? args : [args];
    list.forEach((child, i) => {
      // the first argument of a scoped operator is read outside the scope, the rest inside it
      const inner = scoped || (SCOPED.has(operator) && i > 0);
      walk(child, Array.isArray(args) ? `${opPath}.${i}` : opPath, inner);
    });
  };
  const checkVariable = (args: unknown, at: string) => {
    const name = Array.isArray(args) ? args[0] : args;
    if (typeof name !== 'string' || name === '') {
      problems.push({ path: at, code: 'RULES_VARIABLE', message: 'var needs a variable name' });
      return;
    }
    const [root, field] = name.split('.');
    if (!ROOTS.includes(root!) || !field) {
      problems.push({
        path: at,
        code: 'RULES_VARIABLE',
        message: `variable ${name} must be form.<field>, verified.<item> or applicant.<attribute>`,
      });
    } else if (root === 'form' && fields && !fields.has(field)) {
      problems.push({ path: at, code: 'RULES_UNKNOWN_FIELD', message: `the form has no field ${field}` });
    }
  };
  walk(rules, path, false);
  if (problems.length === 0) {
    try {
      if (!jsonLogic.is_logic(rules)) throw new Error('not logic');
      jsonLogic.apply(rules as jsonLogic.RulesLogic, { form: {}, verified: {}, applicant: {} });
    } catch (error) {
      problems.push({
        path,
        code: 'RULES_UNPARSABLE',
        message: `the rule set does not run: ${String(error)}`,
      });
    }
  }
  return problems;
}
