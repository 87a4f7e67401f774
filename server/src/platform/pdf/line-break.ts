/**
 * Line breaking for Chinese text mixed with Latin words and numbers (the core of UAX #14 and of W3C clreq):
 * a line may break between any two hanzi, never inside a Latin word or a number, and 禁则 (kinsoku) hold:
 * closing punctuation never starts a line, opening punctuation never ends one, and a two-em dash or ellipsis
 * (——, ……) is never split. When a break would violate them the character before is pushed down with the
 * punctuation (推出), so no glyph ever hangs past the margin. A word wider than a whole line is cut anywhere.
 */

/** 避头 — characters that must not begin a line. */
const NO_LINE_START = new Set(
  Array.from(
    '!%),.:;?]}°·’”‰′″℃∶、。〃〆〉》」』】〕〗〙〛〞・ー！％），．：；？］｝～｡｣､･ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ',
  ),
);

/** 避尾 — characters that must not end a line. */
const NO_LINE_END = new Set(Array.from('([{£¥‘“〈《「『【〔〖〘〚〝（［｛｢＄￡￥'));

/** Dashes and ellipses come in pairs (——, ……) that must stay on one line. */
const PAIRED = new Set(['—', '…', '⸺']);

const WHITESPACE = /^[ \t\u00a0\u3000]$/u;

/**
 * Characters each of which is a unit of its own: ideographs, kana, hangul, CJK and full-width punctuation,
 * and the general punctuation Chinese text uses (quotes, dashes, ellipsis, middle dot).
 */
const CJK_UNIT =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u2010-\u2027\u2030-\u205e\u3000-\u303f\u3200-\u33ff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u2e80-\u2fff\u25a0-\u25ff]$/u;

type AtomKind = 'space' | 'cjk' | 'word';

interface Atom {
  kind: AtomKind;
  text: string;
}

/** One line of output: its text (no leading or trailing spaces) and its measured width. */
export interface BrokenLine {
  text: string;
  width: number;
  /** True for the last line of the paragraph or of a hard line (`\n`): such lines are not justified. */
  endsParagraph: boolean;
}

export interface LineBreakOptions {
  /** Width available to a line, in the unit `measure` returns. */
  maxWidth: number;
  /** Width of the text; called with single units and whole segments, so it should be cheap or memoised. */
  measure: (text: string) => number;
  /** Extra space at the start of the first line (首行缩进), in the unit of `maxWidth`. */
  firstLineIndent?: number;
}

function kindOf(char: string): AtomKind {
  if (WHITESPACE.test(char)) return 'space';
  if (CJK_UNIT.test(char)) return 'cjk';
  return 'word';
}

/** Splits one hard line into spaces, single CJK units and runs of other characters (words, numbers). */
function atomsOf(text: string): Atom[] {
  const atoms: Atom[] = [];
  for (const char of text) {
    const kind = kindOf(char);
    const last = atoms.at(-1);
    if (last && kind !== 'cjk' && last.kind === kind) last.text += char;
    else atoms.push({ kind, text: char });
  }
  return atoms;
}

function firstChar(text: string): string {
  return String.fromCodePoint(text.codePointAt(0) ?? 0);
}

function lastChar(text: string): string {
  return Array.from(text).at(-1) ?? '';
}

/** Whether a line may end after `before` and the next begin with `after` (neither a space). */
export function canBreakBetween(before: string, after: string): boolean {
  const end = lastChar(before);
  const start = firstChar(after);
  if (NO_LINE_END.has(end) || NO_LINE_START.has(start)) return false;
  if (PAIRED.has(end) && start === end) return false;
  return true;
}

type Segment = { kind: 'space'; text: string } | { kind: 'text'; text: string };

/** Glues atoms that must not be separated into segments; between two segments a line may break. */
function segmentsOf(atoms: readonly Atom[]): Segment[] {
  const segments: Segment[] = [];
  for (const atom of atoms) {
    const last = segments.at(-1);
    const beforeSpace = segments.at(-2);
    if (atom.kind === 'space') {
      segments.push({ kind: 'space', text: atom.text });
    } else if (last?.kind === 'text' && !canBreakBetween(last.text, atom.text)) {
      last.text += atom.text;
    } else if (
      last?.kind === 'space' &&
      beforeSpace?.kind === 'text' &&
      !canBreakBetween(beforeSpace.text, atom.text)
    ) {
      // `《 书名` or `号 ）`: a space does not open a break that 禁则 forbid; it stays inside the segment.
      beforeSpace.text += last.text + atom.text;
      segments.pop();
    } else {
      segments.push({ kind: 'text', text: atom.text });
    }
  }
  return segments;
}

/** Cuts a segment wider than a line at character boundaries: the last resort for long numbers or URLs. */
function cutToWidth(text: string, width: number, measure: (text: string) => number): [string, string] {
  const chars = Array.from(text);
  let head = chars[0] ?? '';
  let taken = 1;
  while (taken < chars.length && measure(head + chars[taken]) <= width) {
    head += chars[taken];
    taken += 1;
  }
  return [head, chars.slice(taken).join('')];
}

function breakHardLine(text: string, options: LineBreakOptions, indent: number): BrokenLine[] {
  const { maxWidth, measure } = options;
  const lines: BrokenLine[] = [];
  let current = '';
  let width = indent;
  let pendingSpace = '';

  const finish = () => {
    lines.push({ text: current, width: width - (lines.length === 0 ? indent : 0), endsParagraph: false });
    current = '';
    width = 0;
    pendingSpace = '';
  };

  for (const segment of segmentsOf(atomsOf(text))) {
    if (segment.kind === 'space') {
      if (current !== '') pendingSpace = segment.text;
      continue;
    }
    let rest = segment.text;
    while (rest !== '') {
      const spaceWidth = pendingSpace ? measure(pendingSpace) : 0;
      const restWidth = measure(rest);
      if (width + spaceWidth + restWidth <= maxWidth) {
        current += pendingSpace + rest;
        width += spaceWidth + restWidth;
        pendingSpace = '';
        rest = '';
      } else if (current !== '') {
        finish();
      } else {
        // Alone on its line and still too wide: cut it.
        const [head, tail] = cutToWidth(rest, maxWidth - width, measure);
        current = head;
        width += measure(head);
        rest = tail;
        if (rest !== '') finish();
      }
    }
  }
  lines.push({ text: current, width: width - (lines.length === 0 ? indent : 0), endsParagraph: true });
  return lines;
}

/**
 * Breaks a paragraph into lines no wider than `maxWidth` (the first line less its indent). `\n` forces a break.
 * Spaces at the start and end of lines are dropped; an empty paragraph gives one empty line.
 */
export function breakLines(text: string, options: LineBreakOptions): BrokenLine[] {
  const hardLines = text.replace(/\r\n?/g, '\n').split('\n');
  return hardLines.flatMap((hardLine, index) =>
    breakHardLine(hardLine, options, index === 0 ? (options.firstLineIndent ?? 0) : 0),
  );
}
