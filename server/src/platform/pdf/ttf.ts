/**
 * A repair applied to TrueType fonts before @pdf-lib/fontkit subsets them.
 *
 * @pdf-lib/fontkit 1.1.1 (a fork of fontkit 1.7) writes a subset's `loca` table in the short format whenever the
 * subset is under 128 KiB, storing every offset halved, but copies glyph records at their original, possibly odd,
 * lengths. After the first odd-length record every later offset is off by one byte and those glyphs print blank,
 * without any error (upstream fontkit fixed this in 1.8, foliojs/fontkit#191; pdf-lib issue #1232). Google's static
 * Noto Serif SC has about 15,000 odd-length records. Padding each record to a multiple of four bytes, which the
 * TrueType format allows, makes every subset offset even, so the halving is lossless.
 */

const TABLE_RECORD_BYTES = 16;
const HEADER_BYTES = 12;
const HEAD_CHECKSUM_ADJUSTMENT = 8;
const HEAD_INDEX_TO_LOC_FORMAT = 50;
const MAXP_NUM_GLYPHS = 4;
const CHECKSUM_MAGIC = 0xb1b0afba;

interface TableRecord {
  tag: string;
  data: Uint8Array;
  /** The checksum from the source directory, reused while the table is unchanged. */
  checksum?: number;
}

function pad4(length: number): number {
  return (length + 3) & ~3;
}

/** The OpenType table checksum: the sum of big-endian 32-bit words, the last one zero-padded. */
function checksum(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const whole = data.length & ~3;
  let sum = 0;
  for (let offset = 0; offset < whole; offset += 4) sum = (sum + view.getUint32(offset)) >>> 0;
  let last = 0;
  for (let offset = whole; offset < whole + 4; offset++) last = (last << 8) | (data[offset] ?? 0);
  return (sum + (last >>> 0)) >>> 0;
}

function readTables(font: Uint8Array): { sfntVersion: number; tables: TableRecord[] } {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const sfntVersion = view.getUint32(0);
  const numTables = view.getUint16(4);
  const tables: TableRecord[] = [];
  for (let index = 0; index < numTables; index++) {
    const record = HEADER_BYTES + index * TABLE_RECORD_BYTES;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    tables.push({ tag, data: font.subarray(offset, offset + length), checksum: view.getUint32(record + 4) });
  }
  return { sfntVersion, tables };
}

function writeFont(sfntVersion: number, tables: TableRecord[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const directoryBytes = HEADER_BYTES + sorted.length * TABLE_RECORD_BYTES;
  const total = sorted.reduce((size, table) => size + pad4(table.data.length), directoryBytes);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(sorted.length));
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, sfntVersion);
  view.setUint16(4, sorted.length);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, sorted.length * 16 - searchRange);
  let offset = directoryBytes;
  let headOffset = -1;
  // Tables are 4-byte aligned and zero-padded, so the file's checksum is the directory's plus the tables'.
  let fileChecksum = 0;
  sorted.forEach((table, index) => {
    const record = HEADER_BYTES + index * TABLE_RECORD_BYTES;
    const tableChecksum = table.checksum ?? checksum(table.data);
    for (let i = 0; i < 4; i++) out[record + i] = table.tag.charCodeAt(i);
    view.setUint32(record + 4, tableChecksum);
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, table.data.length);
    out.set(table.data, offset);
    if (table.tag === 'head') headOffset = offset;
    fileChecksum = (fileChecksum + tableChecksum) >>> 0;
    offset += pad4(table.data.length);
  });
  fileChecksum = (fileChecksum + checksum(out.subarray(0, directoryBytes))) >>> 0;
  if (headOffset >= 0) {
    view.setUint32(headOffset + HEAD_CHECKSUM_ADJUSTMENT, (CHECKSUM_MAGIC - fileChecksum) >>> 0);
  }
  return out;
}

/**
 * Returns the font with every `glyf` record padded to four bytes and a long-format `loca`, or the input itself
 * when it is not a TrueType font or its records are all even already.
 */
export function padGlyphRecords(font: Uint8Array): Uint8Array {
  const { sfntVersion, tables } = readTables(font);
  const find = (tag: string) => tables.find((table) => table.tag === tag);
  const head = find('head');
  const maxp = find('maxp');
  const loca = find('loca');
  const glyf = find('glyf');
  if (!head || !maxp || !loca || !glyf) return font;

  const headView = new DataView(head.data.buffer, head.data.byteOffset, head.data.byteLength);
  const longOffsets = headView.getInt16(HEAD_INDEX_TO_LOC_FORMAT) === 1;
  const numGlyphs = new DataView(maxp.data.buffer, maxp.data.byteOffset).getUint16(MAXP_NUM_GLYPHS);
  const locaView = new DataView(loca.data.buffer, loca.data.byteOffset, loca.data.byteLength);
  const offsets = Array.from({ length: numGlyphs + 1 }, (_, index) =>
    longOffsets ? locaView.getUint32(index * 4) : locaView.getUint16(index * 2) * 2,
  );
  let paddedSize = 0;
  let allEven = true;
  for (let index = 0; index < numGlyphs; index++) {
    const length = offsets[index + 1]! - offsets[index]!;
    if (length % 2 !== 0) allEven = false;
    paddedSize += pad4(length);
  }
  if (allEven) return font;

  const newGlyf = new Uint8Array(paddedSize);
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const newLocaView = new DataView(newLoca.buffer);
  let position = 0;
  for (let index = 0; index < numGlyphs; index++) {
    newLocaView.setUint32(index * 4, position);
    newGlyf.set(glyf.data.subarray(offsets[index]!, offsets[index + 1]!), position);
    position += pad4(offsets[index + 1]! - offsets[index]!);
  }
  newLocaView.setUint32(numGlyphs * 4, position);

  const newHead = new Uint8Array(head.data);
  const newHeadView = new DataView(newHead.buffer);
  newHeadView.setInt16(HEAD_INDEX_TO_LOC_FORMAT, 1);
  newHeadView.setUint32(HEAD_CHECKSUM_ADJUSTMENT, 0);

  const replaced: Record<string, Uint8Array> = { head: newHead, loca: newLoca, glyf: newGlyf };
  return writeFont(
    sfntVersion,
    tables.map((table) => {
      const data = replaced[table.tag];
      return data ? { tag: table.tag, data } : table;
    }),
  );
}
