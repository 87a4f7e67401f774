import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, usccCheckChar, validateUscc } from './uscc.js';

const alphabetChar = fc.constantFrom(...USCC_ALPHABET);
const validUscc = fc
  .tuple(
    fc.array(alphabetChar, { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'0123456789'), { minLength: 6, maxLength: 6 }),
    fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([head, division, organisation]) => {
    const first17 = [...head, ...division, ...organisation].join('');
    return first17 + usccCheckChar(first17);
  });

describe('GB 32100 unified social credit codes', () => {
  it('accepts the well-known sample', () => {
    // Hand check: Σ(value × weight) over 91350100M000100Y4 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, normalised: '91350100M000100Y43' });
    // The demo enterprise: Σ = 2185; 2185 mod 31 = 15; 31 − 15 = 16 → 'G'.
    expect(validateUscc('91460100TB2026DM5G')).toMatchObject({ ok: true });
  });

  it('normalises lower case, full-width characters and spaces', () => {
    expect(validateUscc(' 91350100m000100y43 ')).toEqual({ ok: true, normalised: '91350100M000100Y43' });
    expect(validateUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ ok: true });
  });

  it('names the rule a code breaks', () => {
    expect(validateUscc('91350100M000100Y4')).toEqual({ ok: false, reason: 'format' });
    expect(validateUscc('91350100M000100I43')).toEqual({ ok: false, reason: 'format' });
    expect(validateUscc('9135010AM000100Y43')).toEqual({ ok: false, reason: 'format' });
    expect(validateUscc('91350100M000100Y44')).toEqual({ ok: false, reason: 'checkDigit' });
  });

  it('accepts every generated valid code', () => {
    fc.assert(fc.property(validUscc, (code) => validateUscc(code).ok));
  });

  it('detects every single-character corruption of a valid code', () => {
    const corruption = validUscc.chain((code) =>
      fc.record({
        code: fc.constant(code),
        position: fc.integer({ min: 0, max: 17 }),
        replacement: fc.constantFrom(...`${USCC_ALPHABET}IOSVZ`),
      }),
    );
    fc.assert(
      fc.property(corruption, ({ code, position, replacement }) => {
        fc.pre(code[position] !== replacement);
        const corrupted = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(validateUscc(corrupted).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
