export {
  A4,
  DEFAULT_PDF_STYLE,
  type DocNumberBlock,
  formatChineseDate,
  type ImageBlock,
  type KeyValueBlock,
  type PageBreakBlock,
  type ParagraphBlock,
  type PdfBlock,
  type PdfSpec,
  type PdfStyle,
  type RenderedPdf,
  renderPdf,
  type SignatureBlock,
  type SpacerBlock,
  type TitleBlock,
} from './document.js';
export { type FontWeight, fontPath, loadFont } from './fonts.js';
export { MISSING_GLYPH_PLACEHOLDER, prepareText } from './glyphs.js';
export { type BrokenLine, breakLines, canBreakBetween, type LineBreakOptions } from './line-break.js';
