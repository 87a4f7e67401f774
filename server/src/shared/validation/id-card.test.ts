import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar, validateIdCard } from './id-card.js';

const TODAY = new Date('2026-11-23T04:00:00Z');

/** Valid ID numbers: a real province, any county digits, a birth date in 1900–2025, any sequence. */
const validIdNumber = fc
  .record({
    province: fc.constantFrom(11, 12, 13, 31, 44, 46, 65, 71, 81, 82),
    county: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, county, birth, sequence }) => {
    const first17 = `${province}${String(county).padStart(4, '0')}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return first17 + idCardCheckChar(first17);
  });

describe('GB 11643 citizen ID numbers', () => {
  it('accepts the well-known sample and derives birth date and sex', () => {
    // Hand check: Σ(digit × weight) over 11010519491231002 = 167; 167 mod 11 = 2 → 'X'.
    expect(validateIdCard('11010519491231002X', TODAY)).toEqual({
      ok: true,
      normalised: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    // Σ over 46010619900101001 = 192; 192 mod 11 = 5 → '7'; sequence 001 is odd → male.
    expect(validateIdCard('460106199001010017', TODAY)).toMatchObject({ ok: true, sex: 'male' });
  });

  it('accepts a lowercase x, full-width digits and stray spaces, normalising them', () => {
    expect(validateIdCard(' 11010519491231002x ', TODAY)).toMatchObject({ normalised: '11010519491231002X' });
    expect(validateIdCard('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({
      normalised: '11010519491231002X',
    });
  });

  it('names the rule a number breaks', () => {
    const withCheck = (first17: string) => first17 + idCardCheckChar(first17);
    expect(validateIdCard('1101051949123100', TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(validateIdCard('11010519491231002Y', TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(validateIdCard('110105194912310021', TODAY)).toEqual({ ok: false, reason: 'checkDigit' });
    expect(validateIdCard(withCheck('16010519491231002'), TODAY)).toEqual({ ok: false, reason: 'region' });
    expect(validateIdCard(withCheck('99010519491231002'), TODAY)).toEqual({ ok: false, reason: 'region' });
    expect(validateIdCard(withCheck('11010519490229002'), TODAY)).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdCard(withCheck('11010518991231002'), TODAY)).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdCard(withCheck('11010520261124002'), TODAY)).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdCard(withCheck('11010520261123002'), TODAY)).toMatchObject({ ok: true });
    expect(validateIdCard(withCheck('11010520000229002'), TODAY)).toMatchObject({ birthDate: '2000-02-29' });
  });

  it('accepts every generated valid number', () => {
    fc.assert(fc.property(validIdNumber, (id) => validateIdCard(id, TODAY).ok));
  });

  it('detects every single-character corruption of a valid number', () => {
    const corruption = validIdNumber.chain((id) =>
      fc.record({
        id: fc.constant(id),
        position: fc.integer({ min: 0, max: 17 }),
        replacement: fc.constantFrom(...'0123456789X'),
      }),
    );
    fc.assert(
      fc.property(corruption, ({ id, position, replacement }) => {
        fc.pre(id[position] !== replacement);
        const corrupted = id.slice(0, position) + replacement + id.slice(position + 1);
        const result = validateIdCard(corrupted, TODAY);
        expect(result.ok).toBe(false);
        // A digit for a digit (or any change of the check character) always breaks the check digit.
        if (replacement !== 'X' || position === 17)
          expect(result).toEqual({ ok: false, reason: 'checkDigit' });
      }),
      { numRuns: 2000 },
    );
  });
});
