import { describe, expect, it } from 'vitest';
import { validateRuleSet } from './instant-rules.js';

const codes = (rules: unknown, fields: string[] | null = ['age']) =>
  validateRuleSet(rules, fields).map((p) => `${p.path} ${p.code}`);

describe('秒批 rule sets (JSON Logic)', () => {
  it('accepts logic over form fields, verified data and the applicant', () => {
    const rules = {
      and: [
        { '>=': [{ var: 'form.age' }, 18] },
        { '==': [{ var: 'verified.licenceValid' }, true] },
        { in: [{ var: 'applicant.regionCode' }, ['460100', '460105']] },
        { some: [{ var: 'verified.records' }, { '==': [{ var: 'kind' }, 'ok'] }] },
      ],
    };
    expect(codes(rules)).toEqual([]);
  });

  it('names operators outside the list, unknown variables and fields', () => {
    expect(
      codes({
        and: [{ log: 'x' }, { var: 'secret' }, { var: 'form.nope' }, { '<': [{ var: 'form.age' }, 3] }],
      }),
    ).toEqual([
      'mode.rules.and.0.log RULES_OPERATOR',
      'mode.rules.and.1.var RULES_VARIABLE',
      'mode.rules.and.2.var RULES_UNKNOWN_FIELD',
    ]);
    expect(codes({ method: [{ var: 'form.age' }, 'toString'] })).toEqual([
      'mode.rules.method RULES_OPERATOR',
    ]);
  });

  it('needs one operation at the top', () => {
    expect(codes(true)).toEqual(['mode.rules RULES_NOT_LOGIC']);
    expect(codes({ and: [], or: [] })).toEqual(['mode.rules RULES_NOT_LOGIC']);
    expect(codes({ and: [{ a: 1, b: 2 }] })).toEqual(['mode.rules.and.0 RULES_NOT_LOGIC']);
  });
});
