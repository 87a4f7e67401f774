/**
 * 文件类型 — the file types Tongban accepts for 申请材料 and scanned paper materials, recognised by their
 * content (magic bytes and container structure), never by the name or the Content-Type a client sends.
 *
 * Pure and free of database imports: the case engine calls `fileMatchesTypes` while it checks a submission
 * against the item's material list, and the web app may one day share it.
 */

export interface FileTypeDefinition {
  /** The media type replies carry (`content-type`). */
  mediaType: string;
  /** Extensions a file of this type may carry, lower case; the first is the usual one. */
  extensions: readonly string[];
}

/**
 * Every type an upload may have. jpg/jpeg and tif/tiff are one type each. GIF is accepted (a plain raster
 * image with an unambiguous signature, still produced by some scanners and phones); plain text is not (it
 * has no signature, so anything would pass as text). MP4 is here because service items ask for video
 * samples (医疗广告成品样件). Each material narrows this list with its own `fileTypes`.
 */
export const FILE_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  /** OFD (GB/T 33190), the Chinese fixed-layout format of e-licences and e-invoices: a ZIP with OFD.xml. */
  ofd: { mediaType: 'application/ofd', extensions: ['ofd'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  gif: { mediaType: 'image/gif', extensions: ['gif'] },
  bmp: { mediaType: 'image/bmp', extensions: ['bmp'] },
  tiff: { mediaType: 'image/tiff', extensions: ['tif', 'tiff'] },
  doc: { mediaType: 'application/msword', extensions: ['doc'] },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['xls'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  mp4: { mediaType: 'video/mp4', extensions: ['mp4'] },
} as const satisfies Record<string, FileTypeDefinition>;

export type FileType = keyof typeof FILE_TYPES;

const TYPES = Object.keys(FILE_TYPES) as FileType[];

/** The type a lower-case extension (`jpg`, `.JPEG`, `tif` …) names, or null. */
export function fileTypeOfExtension(extension: string): FileType | null {
  const wanted = extension.trim().toLowerCase().replace(/^\./, '');
  return TYPES.find((type) => (FILE_TYPES[type].extensions as readonly string[]).includes(wanted)) ?? null;
}

/** The type a media type names (parameters and case ignored), or null. */
export function fileTypeOfMediaType(mediaType: string): FileType | null {
  const wanted = mediaType.split(';')[0]!.trim().toLowerCase();
  return TYPES.find((type) => FILE_TYPES[type].mediaType === wanted) ?? null;
}

/**
 * Whether a stored file satisfies a material's accepted types (lower-case extensions such as `pdf`, `jpg`;
 * `jpg` and `jpeg` are one type, as are `tif` and `tiff`). The file's media type comes from sniffing at
 * upload and its extension agreed with it then; both must still name one accepted type here.
 */
export function fileMatchesTypes(
  file: { extension: string; mediaType: string },
  acceptedTypes: readonly string[],
): boolean {
  const type = fileTypeOfMediaType(file.mediaType);
  if (!type || fileTypeOfExtension(file.extension) !== type) return false;
  return acceptedTypes.some((accepted) => fileTypeOfExtension(accepted) === type);
}

/** What sniffing found: an accepted type, or why the content is not one. */
export type SniffResult = { type: FileType } | { type: null; reason: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Sizes of the BITMAPCOREHEADER … BITMAPV5HEADER a real BMP carries after its 14-byte file header. */
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
/** ISO base media brands that are MP4 video (not QuickTime `qt  `, HEIF or AVIF images). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ']);

const NOT_ALLOWED = (reason: string): SniffResult => ({ type: null, reason });

/**
 * Recognises the content's type. Containers are opened far enough to tell their kind: a ZIP's central
 * directory (OFD, DOCX, XLSX) and an OLE2 compound file's directory (DOC, XLS). Office files with macros
 * (vbaProject.bin, Macros, _VBA_PROJECT_CUR) and encrypted Office files are refused: staff could not scan
 * or open them safely.
 */
export function sniffFileType(bytes: Uint8Array): SniffResult {
  if (startsWith(bytes, PDF)) return { type: 'pdf' };
  if (startsWith(bytes, JPEG)) return { type: 'jpeg' };
  if (startsWith(bytes, PNG) && startsWith(bytes, ascii('IHDR'), 12)) return { type: 'png' };
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return { type: 'gif' };
  if (startsWith(bytes, TIFF_LE) || startsWith(bytes, TIFF_BE)) return { type: 'tiff' };
  if (startsWith(bytes, ascii('BM')) && bytes.length >= 26 && BMP_DIB_SIZES.has(u32le(bytes, 14))) {
    return { type: 'bmp' };
  }
  if (startsWith(bytes, ascii('ftyp'), 4) && bytes.length >= 12) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    return MP4_BRANDS.has(brand) ? { type: 'mp4' } : NOT_ALLOWED(`ISO media of brand "${brand}"`);
  }
  if (startsWith(bytes, ZIP_LOCAL)) return sniffZip(bytes);
  if (startsWith(bytes, OLE2)) return sniffCompoundFile(bytes);
  return NOT_ALLOWED('unrecognised content');
}

function u16le(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u32le(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const MAX_ZIP_ENTRIES = 65_535;

/** The entry names of a ZIP's central directory, or null when it is not a readable (non-ZIP64) archive. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65 535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32le(bytes, at) === EOCD_SIGNATURE && at + 22 + u16le(bytes, at + 20) === bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16le(bytes, eocd + 10);
  const size = u32le(bytes, eocd + 12);
  const offset = u32le(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || offset + size > eocd) return null;
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let at = offset;
  for (let i = 0; i < Math.min(count, MAX_ZIP_ENTRIES); i++) {
    if (at + 46 > eocd || u32le(bytes, at) !== CENTRAL_SIGNATURE) return null;
    const nameLength = u16le(bytes, at + 28);
    const next = at + 46 + nameLength + u16le(bytes, at + 30) + u16le(bytes, at + 32);
    if (next > eocd) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

function sniffZip(bytes: Uint8Array): SniffResult {
  const names = zipEntryNames(bytes);
  if (!names) return NOT_ALLOWED('damaged or ZIP64 archive');
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  const under = (folder: string) => names.some((n) => n.startsWith(folder));
  if (has('OFD.xml')) return { type: 'ofd' };
  if (!has('[Content_Types].xml')) return NOT_ALLOWED('a ZIP archive that is not OFD or Office Open XML');
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return NOT_ALLOWED('an Office file with macros');
  const word = under('word/');
  const excel = under('xl/');
  if (word && !excel) return { type: 'docx' };
  if (excel && !word) return { type: 'xlsx' };
  return NOT_ALLOWED('an Office Open XML package that is neither a Word document nor a workbook');
}

const FREE_OR_END = 0xfffffffa; // sector numbers at or above this mark special FAT entries
const DIRECTORY_ENTRY = 128;

/**
 * The storage and stream names of an OLE2 compound file (MS-CFB), or null when its header or directory
 * chain is broken. Follows the FAT (with DIFAT sectors, so large files work) only along the directory chain.
 */
export function compoundFileEntryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512 || u16le(bytes, 0x1c) !== 0xfffe) return null;
  const shift = u16le(bytes, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  // the header fills sector -1; a last sector may be cut short (its missing bytes read as zero)
  const sectorCount = Math.ceil((bytes.length - sectorSize) / sectorSize);
  const sectorAt = (sector: number) => (sector + 1) * sectorSize;
  const readable = (sector: number) => sector < sectorCount;

  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sector = u32le(bytes, 0x4c + i * 4);
    if (sector >= FREE_OR_END) break;
    fatSectors.push(sector);
  }
  let difat = u32le(bytes, 0x44);
  for (let hops = 0; difat < FREE_OR_END; hops++) {
    if (!readable(difat) || hops > sectorCount) return null;
    const base = sectorAt(difat);
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector; i++) {
      const sector = u32le(bytes, base + i * 4);
      if (sector < FREE_OR_END) fatSectors.push(sector);
    }
    difat = u32le(bytes, base + perSector * 4);
  }
  const entriesPerFatSector = sectorSize / 4;
  const nextSector = (sector: number): number | null => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerFatSector)];
    if (fatSector === undefined || !readable(fatSector)) return null;
    return u32le(bytes, sectorAt(fatSector) + (sector % entriesPerFatSector) * 4);
  };

  const utf16 = new TextDecoder('utf-16le');
  const names: string[] = [];
  let sector = u32le(bytes, 0x30);
  for (let hops = 0; sector < FREE_OR_END; hops++) {
    if (!readable(sector) || hops > sectorCount) return null;
    const base = sectorAt(sector);
    for (let at = base; at < base + sectorSize; at += DIRECTORY_ENTRY) {
      const objectType = bytes[at + 0x42];
      const nameBytes = u16le(bytes, at + 0x40);
      if ((objectType !== 1 && objectType !== 2) || nameBytes < 2 || nameBytes > 64) continue;
      names.push(utf16.decode(bytes.subarray(at, at + nameBytes - 2)));
    }
    const next = nextSector(sector);
    if (next === null) return null;
    sector = next;
  }
  return names;
}

function sniffCompoundFile(bytes: Uint8Array): SniffResult {
  const names = compoundFileEntryNames(bytes);
  if (!names) return NOT_ALLOWED('damaged OLE2 compound file');
  if (names.includes('EncryptedPackage')) return NOT_ALLOWED('an encrypted Office file');
  if (names.includes('Macros') || names.includes('_VBA_PROJECT_CUR')) {
    return NOT_ALLOWED('an Office file with macros');
  }
  const word = names.includes('WordDocument');
  const excel = names.includes('Workbook') || names.includes('Book');
  if (word && !excel) return { type: 'doc' };
  if (excel && !word) return { type: 'xls' };
  return NOT_ALLOWED(
    'an OLE2 compound file that is neither a Word document nor a workbook (e.g. an installer)',
  );
}
