import { describe, expect, it } from 'vitest';
import { checkPassword, describePasswordRule } from './password-policy.js';

describe('password policy', () => {
  it('accepts 8–32 characters with three of four classes by default', () => {
    expect(checkPassword('Tongban@2026')).toEqual([]);
    expect(checkPassword('tongban2026!')).toEqual([]);
    expect(checkPassword('Abcdefg1')).toEqual([]);
    expect(checkPassword(`Aa1${'x'.repeat(29)}`)).toEqual([]);
  });

  it('lists every rule a password fails', () => {
    expect(checkPassword('Ab1!')).toEqual(['minLength']);
    expect(checkPassword('abcdefgh')).toEqual(['minClasses']);
    expect(checkPassword('abc')).toEqual(['minLength', 'minClasses']);
    expect(checkPassword(`Aa1${'x'.repeat(30)}`)).toEqual(['maxLength']);
    expect(checkPassword('')).toEqual(['minLength', 'minClasses']);
  });

  it('counts characters, not UTF-16 units, and counts CJK as "other"', () => {
    expect(checkPassword('通办通办Ab1')).toEqual(['minLength']);
    expect(checkPassword('通办通办通办A1')).toEqual([]);
  });

  it('follows a stricter policy', () => {
    const policy = { minLength: 12, maxLength: 64, minClasses: 4 };
    expect(checkPassword('Tongban@2026', policy)).toEqual([]);
    expect(checkPassword('Tongban2026x', policy)).toEqual(['minClasses']);
    expect(describePasswordRule('minClasses', policy)).toContain('4 of');
  });
});
