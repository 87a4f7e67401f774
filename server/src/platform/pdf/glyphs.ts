/** Drawn instead of a character the font has no glyph for (U+25A1 WHITE SQUARE, as 缺字 is marked in print). */
export const MISSING_GLYPH_PLACEHOLDER = '□';

/** Dropped rather than replaced: control characters, zero-width space and joiners, BOM, variation selectors. */
function isInvisible(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x200b && codePoint <= 0x200d) ||
    codePoint === 0x2060 ||
    codePoint === 0xfeff ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

export interface PreparedText {
  text: string;
  /** Distinct characters that were replaced by the placeholder, in order of first appearance. */
  missing: string[];
}

/**
 * Makes text safe to draw with a font: line endings become `\n`, tabs become spaces, control and invisible
 * characters are dropped, and every character the font cannot draw becomes `MISSING_GLYPH_PLACEHOLDER`.
 * Rare characters outside the font (CJK Extension B and later, emoji) therefore print as □ and are reported,
 * so a caller can tell that a name was not printed as written.
 */
export function prepareText(text: string, hasGlyph: (codePoint: number) => boolean): PreparedText {
  const missing: string[] = [];
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (char === '\n') {
      out += char;
    } else if (isInvisible(codePoint)) {
      // Invisible anyway; a placeholder would make something out of nothing.
    } else if (hasGlyph(codePoint)) {
      out += char;
    } else {
      if (!missing.includes(char)) missing.push(char);
      out += MISSING_GLYPH_PLACEHOLDER;
    }
  }
  return { text: out, missing };
}
