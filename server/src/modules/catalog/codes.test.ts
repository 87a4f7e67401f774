import { describe, expect, it } from 'vitest';
import {
  basicCode,
  basicCodeFits,
  departmentCodePart,
  implementationCode,
  parseImplementationCode,
} from './codes.js';

describe('code rules', () => {
  it('builds basic codes from the type digits and a 7-digit serial', () => {
    expect(basicCode('licence', 12)).toBe('010000012');
    expect(basicCode('publicService', 1)).toBe('200000001');
    expect(basicCodeFits('010000012', 'licence')).toBe(true);
    expect(basicCodeFits('010000012', 'benefit')).toBe(false);
    expect(basicCodeFits('01000001', 'licence')).toBe(false);
    expect(() => basicCode('licence', 0)).toThrow();
  });

  it('extends the basic code with region, department and sequence, and reads it back', () => {
    const code = implementationCode({
      basicCode: '010000012',
      regionCode: '460100',
      departmentCode: 'HKWJW',
      sequence: 3,
    });
    expect(code).toBe('010000012-460100-HKWJW-03');
    expect(parseImplementationCode(code)).toEqual({
      basicCode: '010000012',
      regionCode: '460100',
      departmentCode: 'HKWJW',
      sequence: 3,
    });
    expect(parseImplementationCode('010000012-4601-HKWJW-03')).toBeNull();
    expect(() =>
      implementationCode({ basicCode: '010000012', regionCode: '460100', departmentCode: 'X', sequence: 1 }),
    ).toThrow();
  });

  it('takes letters and digits of a department code, upper-cased', () => {
    expect(departmentCodePart('hk-wjw')).toBe('HKWJW');
    expect(departmentCodePart('11460100MB0000000X')).toBe('11460100MB0000000X');
    expect(departmentCodePart(null)).toBeNull();
    expect(departmentCodePart('-')).toBeNull();
  });
});
