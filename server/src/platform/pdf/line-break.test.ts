import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BrokenLine, breakLines, canBreakBetween } from './line-break.js';

/** A monospaced stand-in for the font: a CJK character is 1 wide, anything else ½. */
function measure(text: string): number {
  let width = 0;
  for (const char of text) width += /[\x20-\x7e]/.test(char) ? 0.5 : 1;
  return width;
}

function lines(text: string, maxWidth: number, firstLineIndent = 0): string[] {
  return breakLines(text, { maxWidth, measure, firstLineIndent }).map((line) => line.text);
}

const CLOSING = Array.from('，。、；：？！）」』】〕》”’');
const OPENING = Array.from('（「『【〔《“‘');

describe('breakLines', () => {
  it('breaks between any two hanzi and fills each line', () => {
    expect(lines('一二三四五六七八九十', 4)).toEqual(['一二三四', '五六七八', '九十']);
  });

  it('keeps Latin words and numbers whole and breaks at spaces', () => {
    expect(lines('编号 20261123 GB/T 9704', 6)).toEqual(['编号', '20261123', 'GB/T 9704']);
    expect(lines('受理2026年第12号', 4.5)).toEqual(['受理2026', '年第12号']);
  });

  it('never starts a line with closing punctuation: the character before moves down with it (推出)', () => {
    expect(lines('一二三四，五六', 4)).toEqual(['一二三', '四，五六']);
    expect(lines('一二三四。”五', 4)).toEqual(['一二三', '四。”五']);
    expect(lines('一二三（四）', 4)).toEqual(['一二三', '（四）']);
  });

  it('never ends a line with opening punctuation', () => {
    expect(lines('一二三《四五》', 4)).toEqual(['一二三', '《四五》']);
    expect(lines('一二三“四', 4)).toEqual(['一二三', '“四']);
  });

  it('keeps a space next to punctuation from opening a forbidden break', () => {
    expect(lines('一二三 ）四', 4)).toEqual(['一二', '三 ）四']);
  });

  it('keeps a two-em dash and an ellipsis on one line', () => {
    expect(lines('一二三——四', 4)).toEqual(['一二三', '——四']);
    expect(lines('一二三……四', 4)).toEqual(['一二三', '……四']);
  });

  it('indents the first line only', () => {
    expect(lines('一二三四五六', 4, 2)).toEqual(['一二', '三四五六']);
    const [first] = breakLines('一二', { maxWidth: 4, measure, firstLineIndent: 2 });
    expect(first?.width).toBe(2);
  });

  it('cuts a word wider than the line at character boundaries', () => {
    expect(lines('ABCDEFGHIJ', 2)).toEqual(['ABCD', 'EFGH', 'IJ']);
    expect(lines('网址 https://example.org/a', 4)).toEqual(['网址', 'https://', 'example.', 'org/a']);
  });

  it('honours forced breaks and marks paragraph ends, which are not justified', () => {
    const result: BrokenLine[] = breakLines('一二三\n四五六七八', { maxWidth: 4, measure });
    expect(result.map((line) => [line.text, line.endsParagraph])).toEqual([
      ['一二三', true],
      ['四五六七', false],
      ['八', true],
    ]);
  });

  it('drops spaces at line ends and gives one empty line for empty text', () => {
    expect(lines('  一二 三四  五六  ', 3)).toEqual(['一二', '三四', '五六']);
    expect(lines('', 10)).toEqual(['']);
  });

  it('treats supplementary-plane characters as one unit', () => {
    expect(lines('𠮷𠮷𠮷𠮷𠮷', 2)).toEqual(['𠮷𠮷', '𠮷𠮷', '𠮷']);
  });

  it('loses no character and never exceeds the width (property)', () => {
    const unit = fc.constantFrom(
      ...Array.from('张三申请受理补正告知书不予决定'),
      ...CLOSING,
      ...OPENING,
      'GB',
      '2026',
      ' ',
      '——',
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }), fc.integer({ min: 3, max: 30 }), (units, maxWidth) => {
        const text = units.join('');
        const result = breakLines(text, { maxWidth, measure });
        for (const line of result) expect(line.width).toBeLessThanOrEqual(maxWidth);
        expect(
          result
            .map((line) => line.text)
            .join('')
            .replace(/ /g, ''),
        ).toBe(text.replace(/ /g, ''));
      }),
    );
  });

  it('keeps 禁则 whenever no unbreakable run is wider than a line (property)', () => {
    // Words of at most three units: an optional opening mark, a hanzi, an optional closing mark.
    const word = fc
      .tuple(
        fc.option(fc.constantFrom(...OPENING)),
        fc.constantFrom(...Array.from('通办受理')),
        fc.option(fc.constantFrom(...CLOSING)),
      )
      .map(([open, han, close]) => `${open ?? ''}${han}${close ?? ''}`);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.integer({ min: 3, max: 20 }), (words, maxWidth) => {
        const result = lines(words.join(''), maxWidth);
        result.forEach((line, index) => {
          if (index > 0) expect(CLOSING).not.toContain(Array.from(line)[0]);
          if (index < result.length - 1) expect(OPENING).not.toContain(Array.from(line).at(-1));
        });
      }),
    );
  });
});

describe('canBreakBetween', () => {
  it('forbids a break before closing and after opening punctuation, and inside —— or ……', () => {
    expect(canBreakBetween('申', '请')).toBe(true);
    expect(canBreakBetween('请', '。')).toBe(false);
    expect(canBreakBetween('《', '书')).toBe(false);
    expect(canBreakBetween('—', '—')).toBe(false);
    expect(canBreakBetween('…', '…')).toBe(false);
    expect(canBreakBetween('2026', '年')).toBe(true);
  });
});
