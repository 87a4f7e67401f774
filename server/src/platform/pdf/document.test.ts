import { statSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatChineseDate, type PdfBlock, type PdfSpec, renderPdf } from './document.js';
import { type FontWeight, fontPath, loadFont } from './fonts.js';

const CREATED_AT = new Date('2026-11-23T02:30:00Z');

/** A body paragraph long enough to wrap over several lines, mixing hanzi, numbers, a URL and 禁则 punctuation. */
const ACCEPTANCE_TEXT =
  '经审查，你于2026年11月20日提交的《食品经营许可证》新办申请，申请材料齐全、符合法定形式，根据《中华人民共和国' +
  '行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。本机关将在受理之日起20个工作日内作出是否准予行政' +
  '许可的决定——需要延长期限的，将另行书面告知。办理进度可登录 https://zwfw.hainan.gov.cn/cases/00012 查询。';

function aNotice(overrides: { blocks?: PdfBlock[]; paragraphs?: number } = {}): PdfSpec {
  const body: PdfBlock[] = Array.from({ length: overrides.paragraphs ?? 1 }, () => ({
    type: 'paragraph',
    text: ACCEPTANCE_TEXT,
  }));
  return {
    meta: { title: '受理通知书', subject: '行政许可受理', createdAt: CREATED_AT },
    blocks: overrides.blocks ?? [
      { type: 'title', text: '受理通知书' },
      { type: 'docNumber', text: '琼海口审受〔2026〕第 00012 号' },
      { type: 'paragraph', text: '张三：', indent: false },
      ...body,
      {
        type: 'keyValue',
        rows: [
          { key: '申请人', value: '张三' },
          { key: '申请事项', value: '食品经营许可证（新办）' },
          { key: '办件编号', value: '46010020261123000012' },
          {
            key: '受理地点',
            value: '海口市政务服务中心三楼A区12号窗口（海口市龙华区长滨路1号市民游客中心）',
          },
        ],
      },
      { type: 'signature', department: '海口市行政审批服务局', date: '2026-11-23' },
    ],
  };
}

/** The text of each page as pdf.js extracts it, line ends as `\n`. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(
      content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
    );
  }
  await pdf.destroy();
  return pages;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** All pages' text without whitespace and without the footers, which pdf.js reads after each page's body. */
const bodyText = (pages: readonly string[]) => squeeze(pages.join('')).replace(/第\d+页共\d+页/g, '');

/** A grayscale PNG checkerboard, standing in for the QR code a caller renders. */
function aPng(size = 25): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(typeAndData.length + 8);
    out.writeUInt32BE(data.length, 0);
    typeAndData.copy(out, 4);
    out.writeUInt32BE(crc32(typeAndData), typeAndData.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) rows[y * (size + 1) + 1 + x] = (x + y) % 2 === 0 ? 0 : 255;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** The embedded font programs (FontFile2 streams) of a PDF, by the weight their subset name says. */
async function embeddedFonts(bytes: Uint8Array): Promise<{ weight: FontWeight; program: Uint8Array }[]> {
  const doc = await PDFDocument.load(bytes);
  const fonts: { weight: FontWeight; program: Uint8Array }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor'))
      continue;
    const name = object.get(PDFName.of('FontName'))?.toString() ?? '';
    const ref = object.get(PDFName.of('FontFile2'));
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    if (!(stream instanceof PDFRawStream)) continue;
    fonts.push({
      weight: name.includes('Bold') ? 'bold' : 'regular',
      program: decodePDFRawStream(stream).decode(),
    });
  }
  return fonts;
}

describe('renderPdf', () => {
  beforeAll(async () => {
    // Load the fonts once so that the timings below are those of a warm process.
    await Promise.all([loadFont('regular'), loadFont('bold')]);
  });

  it('renders a two-page notice whose text reads back complete', async () => {
    const rendered = await renderPdf(aNotice({ paragraphs: 4 }));

    expect(rendered.pageCount).toBe(2);
    expect(rendered.missingCharacters).toEqual([]);
    const pages = await pageTexts(rendered.bytes);
    expect(pages).toHaveLength(2);
    const all = bodyText(pages);
    expect(all).toContain('受理通知书');
    expect(all).toContain('琼海口审受〔2026〕第00012号');
    expect(all).toContain('张三');
    // Every wrapped paragraph comes back whole: no character lost or doubled at a line break.
    expect(all.split(squeeze(ACCEPTANCE_TEXT))).toHaveLength(5);
    expect(squeeze(pages[0]!)).toContain('第1页共2页');
    expect(squeeze(pages[1]!)).toContain('第2页共2页');
    expect(pages[1]).toContain('共 2 页');
    expect(all).toContain('海口市行政审批服务局2026年11月23日');
  });

  it('embeds only the glyphs used: a one-page notice stays far below the 15 MB font', async () => {
    const rendered = await renderPdf(aNotice());

    expect(rendered.pageCount).toBe(1);
    expect(statSync(fontPath('regular')).size).toBeGreaterThan(10_000_000);
    expect(rendered.bytes.length).toBeLessThan(100_000);
    const fonts = await embeddedFonts(rendered.bytes);
    expect(fonts.map((font) => font.weight).sort()).toEqual(['bold', 'regular']);
    for (const font of fonts) expect(font.program.length).toBeLessThan(60_000);
  });

  it('embeds subsets whose glyph outlines are those of the font (no blank glyphs)', async () => {
    const spec = aNotice();
    const rendered = await renderPdf(spec);

    for (const { weight, program } of await embeddedFonts(rendered.bytes)) {
      const { font } = await loadFont(weight);
      const subset = fontkit.create(program);
      const subsetOutlines = new Set<string>();
      for (let id = 1; id < subset.numGlyphs; id++) subsetOutlines.add(subset.getGlyph(id).path.toSVG());
      const texts = spec.blocks.flatMap((block) => (block.type === 'title' ? [block.text] : []));
      const sample =
        weight === 'bold' ? texts.join('') : '张三申请受理办件编号海口市行政审批服务局经审查决定予以';
      for (const glyph of font.layout(sample).glyphs) {
        expect(subsetOutlines, `outline of ${String.fromCodePoint(...glyph.codePoints)}`).toContain(
          glyph.path.toSVG(),
        );
      }
    }
  });

  it('writes title, producer and dates, and renders the same spec to the same bytes', async () => {
    const first = await renderPdf(aNotice());
    const second = await renderPdf(aNotice());

    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
    const doc = await PDFDocument.load(first.bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('受理通知书');
    expect(doc.getSubject()).toBe('行政许可受理');
    expect(doc.getProducer()).toBe('Tongban');
    expect(doc.getCreationDate()?.toISOString()).toBe(CREATED_AT.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(CREATED_AT.toISOString());
    const [page] = doc.getPages();
    expect(page?.getWidth()).toBeCloseTo(595.28, 1);
    expect(page?.getHeight()).toBeCloseTo(841.89, 1);
  });

  it('renders documents concurrently to the same bytes as one at a time (the parsed font is shared)', async () => {
    const specs = [aNotice(), aNotice({ paragraphs: 4 }), aNotice({ paragraphs: 2 })];
    const oneAtATime: Uint8Array[] = [];
    for (const spec of specs) oneAtATime.push((await renderPdf(spec)).bytes);
    const together = await Promise.all(specs.map(renderPdf));

    together.forEach((rendered, index) => {
      expect(Buffer.from(rendered.bytes).equals(Buffer.from(oneAtATime[index]!))).toBe(true);
    });
  });

  it('prints characters the font lacks as □ and reports them, without failing', async () => {
    // U+20000 (CJK Extension B) and an emoji are outside Noto Serif SC; U+FE0F is invisible and dropped.
    const rendered = await renderPdf(
      aNotice({
        blocks: [
          { type: 'paragraph', text: '申请人：张𠀀 😀️', indent: false },
          { type: 'keyValue', rows: [{ key: '姓名', value: '李𠀀' }] },
        ],
      }),
    );

    expect(rendered.missingCharacters).toEqual(['𠀀', '😀']);
    const text = squeeze((await pageTexts(rendered.bytes)).join(''));
    expect(text).toContain('申请人：张□□');
    expect(text).toContain('李□');
  });

  it('embeds a caller-rendered PNG such as a QR code, with its caption', async () => {
    const rendered = await renderPdf(
      aNotice({
        blocks: [
          { type: 'title', text: '补正告知书' },
          { type: 'image', png: aPng(), width: 80, align: 'right', caption: '扫码查询办件进度' },
        ],
      }),
    );

    const doc = await PDFDocument.load(rendered.bytes);
    const resources = doc.getPages()[0]!.node.Resources();
    const xObjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    expect(xObjects?.keys()).toHaveLength(1);
    expect(squeeze((await pageTexts(rendered.bytes)).join(''))).toContain('扫码查询办件进度');
  });

  it('continues a table row taller than the rest of the page on the next page', async () => {
    const longValue = ACCEPTANCE_TEXT.repeat(6);
    const rendered = await renderPdf(
      aNotice({
        blocks: [
          { type: 'title', text: '不予受理决定书' },
          { type: 'paragraph', text: ACCEPTANCE_TEXT },
          { type: 'keyValue', rows: [{ key: '不予受理理由', value: longValue }] },
        ],
      }),
    );

    expect(rendered.pageCount).toBe(3);
    const pages = await pageTexts(rendered.bytes);
    expect(squeeze(pages[0]!)).toContain(`不予受理理由${squeeze(ACCEPTANCE_TEXT).slice(0, 10)}`);
    expect(bodyText(pages)).toContain(squeeze(longValue));
  });

  it('starts a new page on a page break and leaves the footer out when asked', async () => {
    const spec = aNotice({
      blocks: [
        { type: 'paragraph', text: '第一页' },
        { type: 'pageBreak' },
        { type: 'paragraph', text: '第二页' },
      ],
    });
    const rendered = await renderPdf({ ...spec, pageNumbers: false });

    expect(rendered.pageCount).toBe(2);
    const pages = (await pageTexts(rendered.bytes)).map(squeeze);
    expect(pages).toEqual(['第一页', '第二页']);
  });

  it('renders a one-page notice in well under a second once the font is loaded', async () => {
    // About 40 ms on an idle core (README); the bound only catches gross regressions on a busy machine.
    await renderPdf(aNotice());
    const runs = 5;
    const started = performance.now();
    for (let run = 0; run < runs; run++) await renderPdf(aNotice());
    expect((performance.now() - started) / runs).toBeLessThan(1000);
  });
});

describe('formatChineseDate', () => {
  it('prints an ISO date the way 成文日期 are written', () => {
    expect(formatChineseDate('2026-11-23')).toBe('2026年11月23日');
    expect(formatChineseDate('2027-01-05')).toBe('2027年1月5日');
  });

  it('refuses malformed and impossible dates', () => {
    expect(() => formatChineseDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatChineseDate('23/11/2026')).toThrow(RangeError);
  });
});
