import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { cachedFontkit, fontPath, loadFont } from './fonts.js';
import { padGlyphRecords } from './ttf.js';

function wholeFileChecksum(font: Uint8Array): number {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  let sum = 0;
  for (let offset = 0; offset + 4 <= font.length; offset += 4) sum = (sum + view.getUint32(offset)) >>> 0;
  return sum;
}

/** fontkit parses `loca` but does not declare it. */
function locaOffsets(font: object): number[] {
  return (font as { loca: { offsets: number[] } }).loca.offsets;
}

describe('padGlyphRecords', () => {
  it('pads every glyph record to an even length and keeps every outline', async () => {
    const original = new Uint8Array(await readFile(fontPath('regular')));
    const padded = padGlyphRecords(original);
    const before = fontkit.create(original);
    const after = fontkit.create(padded);

    expect(locaOffsets(before).some((offset) => offset % 2 === 1)).toBe(true);
    expect(locaOffsets(after).every((offset) => offset % 4 === 0)).toBe(true);
    expect(after.numGlyphs).toBe(before.numGlyphs);
    for (const char of '受理通知书张三〔〕，。0123ABCgy□') {
      const codePoint = char.codePointAt(0)!;
      expect(after.glyphForCodePoint(codePoint).path.toSVG()).toBe(
        before.glyphForCodePoint(codePoint).path.toSVG(),
      );
      expect(after.glyphForCodePoint(codePoint).advanceWidth).toBe(
        before.glyphForCodePoint(codePoint).advanceWidth,
      );
    }
    expect(wholeFileChecksum(padded)).toBe(0xb1b0afba);
  });

  it('returns a font whose records are all even unchanged', async () => {
    const { bytes } = await loadFont('regular');
    expect(padGlyphRecords(bytes)).toBe(bytes);
  });
});

describe('loadFont', () => {
  it('parses each weight once per process and hands pdf-lib the parsed font', async () => {
    const first = await loadFont('regular');
    const second = await loadFont('regular');

    expect(second).toBe(first);
    expect(cachedFontkit.create(first.bytes)).toBe(first.font);
    expect(first.font.postscriptName).toBe('NotoSerifSC-Regular');
    expect((await loadFont('bold')).font.postscriptName).toBe('NotoSerifSC-Bold');
  });
});
