import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb, setCharacterSpacing } from 'pdf-lib';
import { cachedFontkit, type FontWeight, type LoadedFont, loadFont } from './fonts.js';
import { prepareText } from './glyphs.js';
import { type BrokenLine, breakLines } from './line-break.js';

/** Millimetres to PDF points (1/72 inch). */
const MM = 72 / 25.4;
/** ISO 216 A4 portrait, in points. */
export const A4 = { width: 210 * MM, height: 297 * MM } as const;

const PRODUCER = 'Tongban';
const BLACK = rgb(0, 0, 0);
const KEY_CELL_FILL = rgb(0.94, 0.94, 0.94);
const RULE_WIDTH = 0.75;
/** Where the ideographic em box tops out above the baseline, as a share of the font size (Noto/Source Han). */
const EM_BOX_ASCENT = 0.88;
/** Justify a line only while the added space per character stays below this share of the font size. */
const MAX_JUSTIFY_SPACING = 0.2;

/**
 * Page geometry and type sizes in points. The defaults follow GB/T 9704-2012 (党政机关公文格式): margins of
 * 37 / 26 / 35 / 28 mm, body text in 三号 (16 pt), titles in 二号 (22 pt); tables use 四号 (14 pt) and the
 * footer 五号 (10.5 pt).
 */
export interface PdfStyle {
  margins: { top: number; right: number; bottom: number; left: number };
  bodySize: number;
  titleSize: number;
  tableSize: number;
  footerSize: number;
  /** Line pitch as a multiple of the font size. */
  lineHeight: number;
}

export const DEFAULT_PDF_STYLE: Readonly<PdfStyle> = Object.freeze({
  margins: Object.freeze({ top: 37 * MM, right: 26 * MM, bottom: 35 * MM, left: 28 * MM }),
  bodySize: 16,
  titleSize: 22,
  tableSize: 14,
  footerSize: 10.5,
  lineHeight: 1.75,
});

/** 标题 — centred, bold, wrapped if long. */
export interface TitleBlock {
  type: 'title';
  text: string;
}

/** 发文字号 — a centred line such as `琼海口审受〔2026〕第 00012 号`. */
export interface DocNumberBlock {
  type: 'docNumber';
  text: string;
}

/** A paragraph of body text; `\n` forces a line break. */
export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
  /** First-line indent of two characters (首行缩进两字); default true. Off for a salutation such as `张三：`. */
  indent?: boolean;
  /** Default 'justify' (两端对齐): every line but the last is spread to the full width. */
  align?: 'justify' | 'left' | 'center' | 'right';
  bold?: boolean;
}

/** A two-column table of labels and values with borders; long values wrap, rows may continue on the next page. */
export interface KeyValueBlock {
  type: 'keyValue';
  rows: readonly { key: string; value: string }[];
  /** Share of the text width given to the key column; default 0.28. */
  keyWidth?: number;
}

/**
 * 落款 — issuing department and date, right-aligned with a two-character right indent, the department centred
 * over the date as GB/T 9704 lays them out. Kept together on one page.
 */
export interface SignatureBlock {
  type: 'signature';
  department: string;
  /** Calendar date `YYYY-MM-DD` in the issuer's time zone; printed as `2026年11月23日`. */
  date: string;
}

/** A PNG rendered by the caller (e.g. a verification QR code), with an optional caption below. */
export interface ImageBlock {
  type: 'image';
  png: Uint8Array;
  /** Printed width in points; the height follows the image's aspect ratio. */
  width: number;
  /** Default 'center'. */
  align?: 'left' | 'center' | 'right';
  caption?: string;
}

export interface SpacerBlock {
  type: 'spacer';
  /** Vertical space in points (dropped at the top of a page). */
  height: number;
}

export interface PageBreakBlock {
  type: 'pageBreak';
}

export type PdfBlock =
  | TitleBlock
  | DocNumberBlock
  | ParagraphBlock
  | KeyValueBlock
  | SignatureBlock
  | ImageBlock
  | SpacerBlock
  | PageBreakBlock;

export interface PdfSpec {
  meta: {
    title: string;
    subject?: string;
    author?: string;
    keywords?: readonly string[];
    /** Written as both creation and modification date, so the same spec always gives the same bytes. */
    createdAt: Date;
  };
  blocks: readonly PdfBlock[];
  /** Footer `第 1 页 共 2 页` on every page; default true. */
  pageNumbers?: boolean;
  style?: Partial<PdfStyle>;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pageCount: number;
  /** Characters the font cannot draw, printed as □ instead; check it when printing names. */
  missingCharacters: string[];
}

/** `2026-11-23` → `2026年11月23日` (Arabic numerals, as GB/T 9704-2012 prescribes for 成文日期). */
export function formatChineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(isoDate)}`);
  const [, year, month, day] = match;
  const probe = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (probe.toISOString().slice(0, 10) !== isoDate) throw new RangeError(`No such date: ${isoDate}`);
  return `${Number(year)}年${Number(month)}月${Number(day)}日`;
}

interface FontSet {
  regular: PDFFont;
  bold: PDFFont | undefined;
  loaded: Map<FontWeight, LoadedFont>;
}

/** Lays blocks out top to bottom, opening pages as needed. One instance renders one document. */
class Composer {
  readonly pages: PDFPage[] = [];
  readonly missing: string[] = [];
  private page!: PDFPage;
  private y = 0;
  private fresh = true;
  private readonly widths = new Map<PDFFont, Map<string, number>>();
  private readonly left: number;
  private readonly right: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: FontSet,
    private readonly style: PdfStyle,
  ) {
    this.left = style.margins.left;
    this.right = A4.width - style.margins.right;
    this.newPage();
  }

  private get textWidth(): number {
    return this.right - this.left;
  }

  private get pageTextHeight(): number {
    return A4.height - this.style.margins.top - this.style.margins.bottom;
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - this.style.margins.top;
    this.fresh = true;
  }

  /** Opens a new page unless `height` still fits; a fresh page takes whatever comes. */
  private ensure(height: number): void {
    if (!this.fresh && this.y - height < this.style.margins.bottom) this.newPage();
  }

  private advance(height: number): void {
    this.y -= height;
    this.fresh = false;
  }

  private fontOf(weight: FontWeight): PDFFont {
    return weight === 'bold' ? (this.fonts.bold ?? this.fonts.regular) : this.fonts.regular;
  }

  /** Width at size 1, memoised per document: line breaking measures the same units many times. */
  private unitWidth(font: PDFFont, text: string): number {
    let cache = this.widths.get(font);
    if (!cache) {
      cache = new Map();
      this.widths.set(font, cache);
    }
    let width = cache.get(text);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, 1);
      cache.set(text, width);
    }
    return width;
  }

  private measure(font: PDFFont, size: number, text: string): number {
    return this.unitWidth(font, text) * size;
  }

  private prepare(text: string, weight: FontWeight): string {
    const loaded = this.fonts.loaded.get(weight) ?? this.fonts.loaded.get('regular')!;
    const prepared = prepareText(text, (codePoint) => loaded.font.hasGlyphForCodePoint(codePoint));
    for (const char of prepared.missing) if (!this.missing.includes(char)) this.missing.push(char);
    return prepared.text;
  }

  private lines(text: string, weight: FontWeight, size: number, maxWidth: number, indent = 0): BrokenLine[] {
    const font = this.fontOf(weight);
    return breakLines(this.prepare(text, weight), {
      maxWidth,
      firstLineIndent: indent,
      measure: (part) => this.measure(font, size, part),
    });
  }

  /** Draws one line with its baseline placed in a line box whose top is `top`. */
  private drawLine(
    line: BrokenLine,
    options: { x: number; top: number; size: number; lineBox: number; weight: FontWeight; spacing?: number },
  ): void {
    const { x, top, size, lineBox, weight, spacing = 0 } = options;
    if (line.text === '') return;
    const baseline = top - (lineBox - size) / 2 - EM_BOX_ASCENT * size;
    if (spacing !== 0) this.page.pushOperators(setCharacterSpacing(spacing));
    this.page.drawText(line.text, { x, y: baseline, size, font: this.fontOf(weight), color: BLACK });
    if (spacing !== 0) this.page.pushOperators(setCharacterSpacing(0));
  }

  /** Lays out wrapped lines in the text column; each line may open a new page. */
  private flowLines(
    lines: readonly BrokenLine[],
    options: {
      size: number;
      weight: FontWeight;
      align: 'justify' | 'left' | 'center' | 'right';
      indent?: number;
    },
  ): void {
    const { size, weight, align, indent = 0 } = options;
    const lineBox = size * this.style.lineHeight;
    const font = this.fontOf(weight);
    lines.forEach((line, index) => {
      this.ensure(lineBox);
      const offset = index === 0 ? indent : 0;
      const available = this.textWidth - offset;
      const width = this.measure(font, size, line.text);
      let x = this.left + offset;
      let spacing = 0;
      if (align === 'center') x += (available - width) / 2;
      else if (align === 'right') x += available - width;
      else if (align === 'justify' && !line.endsParagraph) {
        const gaps = Array.from(line.text).length - 1;
        const extra = available - width;
        if (gaps > 0 && extra > 0 && extra / gaps <= MAX_JUSTIFY_SPACING * size) spacing = extra / gaps;
      }
      this.drawLine(line, { x, top: this.y, size, lineBox, weight, spacing });
      this.advance(lineBox);
    });
  }

  title(block: TitleBlock): void {
    const size = this.style.titleSize;
    const lineBox = size * 1.5;
    const lines = this.lines(block.text, 'bold', size, this.textWidth);
    // Keep the title with at least one line of what follows.
    this.ensure(lines.length * lineBox + this.style.bodySize * this.style.lineHeight);
    for (const line of lines) {
      this.ensure(lineBox);
      const width = this.measure(this.fontOf('bold'), size, line.text);
      this.drawLine(line, {
        x: this.left + (this.textWidth - width) / 2,
        top: this.y,
        size,
        lineBox,
        weight: 'bold',
      });
      this.advance(lineBox);
    }
    this.gap(this.style.bodySize * 0.75);
  }

  docNumber(block: DocNumberBlock): void {
    const size = this.style.bodySize;
    this.flowLines(this.lines(block.text, 'regular', size, this.textWidth), {
      size,
      weight: 'regular',
      align: 'center',
    });
    this.gap(size * 0.75);
  }

  paragraph(block: ParagraphBlock): void {
    const size = this.style.bodySize;
    const weight: FontWeight = block.bold ? 'bold' : 'regular';
    const indent = block.indent === false ? 0 : 2 * size;
    const lines = this.lines(block.text, weight, size, this.textWidth, indent);
    this.flowLines(lines, { size, weight, align: block.align ?? 'justify', indent });
  }

  keyValue(block: KeyValueBlock): void {
    const size = this.style.tableSize;
    const lineBox = size * 1.5;
    const padding = size * 0.4;
    const keyWidth = Math.round(this.textWidth * (block.keyWidth ?? 0.28));
    const valueWidth = this.textWidth - keyWidth;
    const xKey = this.left;
    const xValue = this.left + keyWidth;
    this.gap(size * 0.5);
    let firstRowOnPage = true;
    for (const row of block.rows) {
      const keyLines = this.lines(row.key, 'regular', size, keyWidth - 2 * padding);
      const valueLines = this.lines(row.value, 'regular', size, valueWidth - 2 * padding);
      const count = Math.max(keyLines.length, valueLines.length);
      // Keep a row whole when it fits on a page; a taller one starts here if two lines fit and continues overleaf.
      const rowHeight = count * lineBox + 2 * padding;
      this.ensure(rowHeight <= this.pageTextHeight ? rowHeight : 2 * lineBox + 2 * padding);
      let from = 0;
      while (from < count) {
        const room = Math.floor((this.y - this.style.margins.bottom - 2 * padding) / lineBox);
        if (room < 1 && !this.fresh) {
          this.newPage();
          firstRowOnPage = true;
          continue;
        }
        if (this.fresh) firstRowOnPage = true;
        const take = Math.max(1, Math.min(count - from, room));
        const height = take * lineBox + 2 * padding;
        const top = this.y;
        const bottom = top - height;
        this.page.drawRectangle({ x: xKey, y: bottom, width: keyWidth, height, color: KEY_CELL_FILL });
        this.cellLines(keyLines.slice(from, from + take), xKey + padding, top - padding, size, lineBox);
        this.cellLines(valueLines.slice(from, from + take), xValue + padding, top - padding, size, lineBox);
        this.rule(xKey, bottom, xKey + this.textWidth, bottom);
        if (firstRowOnPage) this.rule(xKey, top, xKey + this.textWidth, top);
        this.rule(xKey, bottom, xKey, top);
        this.rule(xValue, bottom, xValue, top);
        this.rule(xKey + this.textWidth, bottom, xKey + this.textWidth, top);
        firstRowOnPage = false;
        this.advance(height);
        from += take;
        if (from < count) {
          this.newPage();
          firstRowOnPage = true;
        }
      }
    }
    this.gap(size * 0.5);
  }

  private cellLines(
    lines: readonly BrokenLine[],
    x: number,
    top: number,
    size: number,
    lineBox: number,
  ): void {
    lines.forEach((line, index) => {
      this.drawLine(line, { x, top: top - index * lineBox, size, lineBox, weight: 'regular' });
    });
  }

  private rule(x1: number, y1: number, x2: number, y2: number): void {
    this.page.drawLine({
      start: { x: x1, y: y1 },
      end: { x: x2, y: y2 },
      thickness: RULE_WIDTH,
      color: BLACK,
    });
  }

  signature(block: SignatureBlock): void {
    const size = this.style.bodySize;
    const lineBox = size * this.style.lineHeight;
    const department = this.prepare(block.department, 'regular');
    const date = formatChineseDate(block.date);
    const font = this.fontOf('regular');
    const right = this.right - 2 * size;
    const blockWidth = Math.max(this.measure(font, size, department), this.measure(font, size, date));
    // 落款 follows one blank line below the text and never splits its department and date across pages.
    this.ensure(3 * lineBox);
    if (!this.fresh) this.advance(lineBox);
    for (const text of [department, date]) {
      const width = this.measure(font, size, text);
      const x = right - blockWidth + (blockWidth - width) / 2;
      this.drawLine(
        { text, width, endsParagraph: true },
        { x, top: this.y, size, lineBox, weight: 'regular' },
      );
      this.advance(lineBox);
    }
  }

  image(block: ImageBlock, image: PDFImage): void {
    const width = Math.min(block.width, this.textWidth);
    const height = (image.height / image.width) * width;
    const captionSize = this.style.footerSize;
    const captionBox = block.caption ? captionSize * 1.6 : 0;
    this.ensure(height + captionBox);
    const align = block.align ?? 'center';
    const x =
      align === 'left'
        ? this.left
        : align === 'right'
          ? this.right - width
          : this.left + (this.textWidth - width) / 2;
    this.page.drawImage(image, { x, y: this.y - height, width, height });
    this.advance(height);
    if (block.caption) {
      const text = this.prepare(block.caption, 'regular');
      const textWidth = this.measure(this.fontOf('regular'), captionSize, text);
      const line = { text, width: textWidth, endsParagraph: true };
      this.drawLine(line, {
        x: x + (width - textWidth) / 2,
        top: this.y,
        size: captionSize,
        lineBox: captionBox,
        weight: 'regular',
      });
      this.advance(captionBox);
    }
  }

  /** Vertical space, dropped at the top of a page. */
  gap(height: number): void {
    if (this.fresh) return;
    this.y -= height;
  }

  pageBreak(): void {
    if (!this.fresh) this.newPage();
  }

  footers(): void {
    const size = this.style.footerSize;
    const font = this.fontOf('regular');
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      const text = `第 ${index + 1} 页 共 ${total} 页`;
      const width = this.measure(font, size, text);
      // GB/T 9704 puts the page number 7 mm below the text block.
      const y = this.style.margins.bottom - 7 * MM - size;
      page.drawText(text, { x: (A4.width - width) / 2, y, size, font, color: BLACK });
    });
  }
}

function needsBold(blocks: readonly PdfBlock[]): boolean {
  return blocks.some(
    (block) => block.type === 'title' || (block.type === 'paragraph' && block.bold === true),
  );
}

/**
 * Renders a document spec to an A4 PDF with the CJK font embedded as a subset (only the glyphs used; a
 * one-page notice is some tens of kilobytes). Output is deterministic for a given spec and font version.
 */
export async function renderPdf(spec: PdfSpec): Promise<RenderedPdf> {
  const style: PdfStyle = {
    ...DEFAULT_PDF_STYLE,
    ...spec.style,
    margins: { ...DEFAULT_PDF_STYLE.margins, ...spec.style?.margins },
  };
  const weights: FontWeight[] = needsBold(spec.blocks) ? ['regular', 'bold'] : ['regular'];
  const loaded = new Map((await Promise.all(weights.map(loadFont))).map((font) => [font.weight, font]));

  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachedFontkit);
  const embed = (font: LoadedFont) =>
    doc.embedFont(font.bytes, { subset: true, customName: font.subsetName });
  const regular = await embed(loaded.get('regular')!);
  const boldFont = loaded.get('bold');
  const bold = boldFont ? await embed(boldFont) : undefined;

  const { meta } = spec;
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject !== undefined) doc.setSubject(meta.subject);
  if (meta.author !== undefined) doc.setAuthor(meta.author);
  if (meta.keywords !== undefined) doc.setKeywords([...meta.keywords]);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setLanguage('zh-CN');
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);

  const composer = new Composer(doc, { regular, bold, loaded }, style);
  for (const block of spec.blocks) {
    switch (block.type) {
      case 'title':
        composer.title(block);
        break;
      case 'docNumber':
        composer.docNumber(block);
        break;
      case 'paragraph':
        composer.paragraph(block);
        break;
      case 'keyValue':
        composer.keyValue(block);
        break;
      case 'signature':
        composer.signature(block);
        break;
      case 'image':
        composer.image(block, await doc.embedPng(block.png));
        break;
      case 'spacer':
        composer.gap(block.height);
        break;
      case 'pageBreak':
        composer.pageBreak();
        break;
    }
  }
  if (spec.pageNumbers !== false) composer.footers();

  const bytes = await doc.save();
  return { bytes, pageCount: composer.pages.length, missingCharacters: composer.missing };
}
