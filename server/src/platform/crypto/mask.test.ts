import { describe, expect, it } from 'vitest';
import { maskBankCard, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.js';

describe('masking', () => {
  it('keeps the first and last 4 characters of ID numbers, 18 or 15 digits', () => {
    expect(maskIdNumber('460100199001011234')).toBe('4601**********1234');
    expect(maskIdNumber('46010019900101X')).toBe('4601*******101X');
  });

  it('keeps 3 + 4 digits of mobile numbers and 3 + 2 of other numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('089866123456')).toBe('089*******56');
    expect(maskPhone('66123456')).toBe('661***56');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('*');
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });

  it('keeps the first 6 and last 4 digits of bank cards', () => {
    expect(maskBankCard('6222021234567891234')).toBe('622202*********1234');
    expect(maskBankCard('6222 0212 3456 7891')).toBe('622202******7891');
  });

  it('keeps the first character of an email local part and the domain', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z*******@example.com');
    expect(maskEmail('a@example.com')).toBe('*@example.com');
    expect(maskEmail('not-an-email')).toBe('n***********');
  });

  it('handles empty and short input without throwing or revealing it', () => {
    for (const mask of [maskIdNumber, maskPhone, maskName, maskBankCard, maskEmail]) {
      expect(mask('')).toBe('');
    }
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskPhone('110')).toBe('***');
    expect(maskBankCard('62220212')).toBe('********');
    expect(maskEmail('@example.com')).toBe('@example.com');
  });
});
