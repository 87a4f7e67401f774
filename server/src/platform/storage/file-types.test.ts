import { describe, expect, it } from 'vitest';
import { contentDisposition } from './download.js';
import { extensionOf, sanitiseFileName } from './file-name.js';
import { type FileType, fileMatchesTypes, fileTypeOfExtension, sniffFileType } from './file-types.js';
import {
  aBmp,
  aCompoundFile,
  aDocx,
  aGif,
  aJpeg,
  anExe,
  anMp4,
  anOfd,
  anXlsx,
  aPdf,
  aPng,
  aTiff,
  aZip,
} from './testing/samples.js';
import { EICAR_TEST_FILE, SignatureScanner } from './virus-scanner.js';

describe('sniffing the type from the content', () => {
  it.each<[string, () => Buffer | Promise<Buffer>, FileType]>([
    ['a PDF', () => aPdf(), 'pdf'],
    ['a JPEG', aJpeg, 'jpeg'],
    ['a PNG', aPng, 'png'],
    ['a GIF', aGif, 'gif'],
    ['a BMP', aBmp, 'bmp'],
    ['a little-endian TIFF', () => aTiff(), 'tiff'],
    ['a big-endian TIFF', () => aTiff(true), 'tiff'],
    ['an MP4', () => anMp4(), 'mp4'],
    ['an OFD package', anOfd, 'ofd'],
    ['a Word document (docx)', () => aDocx(), 'docx'],
    ['a workbook written by exceljs (xlsx)', anXlsx, 'xlsx'],
    ['a Word 97 document (OLE2 with WordDocument)', () => aCompoundFile(['WordDocument', '1Table']), 'doc'],
    ['an Excel 97 workbook (OLE2 with Workbook)', () => aCompoundFile(['Workbook']), 'xls'],
    ['an Excel 5 workbook (OLE2 with Book)', () => aCompoundFile(['Book']), 'xls'],
  ])('recognises %s', async (_what, make, type) => {
    expect(sniffFileType(await make())).toEqual({ type });
  });

  it.each<[string, () => Buffer]>([
    ['a Windows executable', anExe],
    ['plain text', () => Buffer.from('姓名：张三\n', 'utf8')],
    ['HTML', () => Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an SVG image (script-capable)', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a plain ZIP archive', () => aZip({ 'readme.txt': 'hello' })],
    ['a macro-enabled Word document', () => aDocx({ 'word/vbaProject.bin': Buffer.from('macro') })],
    [
      'an OLE2 file that is neither Word nor Excel (e.g. an MSI installer)',
      () => aCompoundFile(['\u0005SummaryInformation']),
    ],
    ['a Word 97 document with macros', () => aCompoundFile(['WordDocument', 'Macros'])],
    ['an encrypted Office file', () => aCompoundFile(['EncryptionInfo', 'EncryptedPackage'])],
    ['a QuickTime movie', () => anMp4('qt  ')],
    ['a ZIP cut short', () => aDocx().subarray(0, 200)],
    ['a PE file with a ZIP appended (self-extracting archive)', () => Buffer.concat([anExe(), aDocx()])],
    ['a truncated OLE2 header', () => aCompoundFile(['WordDocument']).subarray(0, 100)],
    ['the letters BM alone', () => Buffer.from('BMP is not a format name')],
    ['nothing', () => Buffer.alloc(0)],
  ])('refuses %s', (_what, make) => {
    expect(sniffFileType(make()).type).toBeNull();
  });
});

describe('fileMatchesTypes (a stored file against a material’s accepted types)', () => {
  const jpeg = { extension: 'jpeg', mediaType: 'image/jpeg' };
  const pdf = { extension: 'pdf', mediaType: 'application/pdf' };

  it('treats jpg and jpeg as one type, in either direction', () => {
    expect(fileMatchesTypes(jpeg, ['jpg'])).toBe(true);
    expect(fileMatchesTypes({ extension: 'jpg', mediaType: 'image/jpeg' }, ['jpeg'])).toBe(true);
    expect(fileMatchesTypes({ extension: 'tif', mediaType: 'image/tiff' }, ['tiff'])).toBe(true);
  });

  it('accepts a file whose type is among several, and refuses one that is not', () => {
    expect(fileMatchesTypes(pdf, ['pdf', 'jpg'])).toBe(true);
    expect(fileMatchesTypes(jpeg, ['pdf', 'ofd'])).toBe(false);
    expect(fileMatchesTypes(pdf, [])).toBe(false);
  });

  it('tolerates upper case, dots and media-type parameters but not a disagreeing extension', () => {
    expect(fileMatchesTypes({ extension: 'PDF', mediaType: 'Application/PDF; x=1' }, ['.Pdf'])).toBe(true);
    expect(fileMatchesTypes({ extension: 'pdf', mediaType: 'image/jpeg' }, ['pdf', 'jpg'])).toBe(false);
    expect(fileMatchesTypes({ extension: 'exe', mediaType: 'application/x-msdownload' }, ['exe'])).toBe(
      false,
    );
  });

  it('maps extensions to types', () => {
    expect(fileTypeOfExtension('JPG')).toBe('jpeg');
    expect(fileTypeOfExtension('txt')).toBeNull();
  });
});

describe('file names', () => {
  it.each([
    ['身份证正面.jpg', '身份证正面.jpg'],
    ['C:\\fakepath\\营业执照.PDF', '营业执照.PDF'],
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['申请书\u202Efdp.exe', '申请书fdp.exe'],
    ['a\u0000b\nc.png', 'abc.png'],
    ['what?<now>.docx', 'what__now_.docx'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['scan.pdf. . ', 'scan.pdf'],
    ['e\u0301.pdf', '\u00e9.pdf'],
  ])('sanitises %j to %j', (raw, clean) => {
    expect(sanitiseFileName(raw)).toBe(clean);
  });

  it('refuses a name with nothing left', () => {
    expect(sanitiseFileName(' ../.. ')).toBeNull();
    expect(sanitiseFileName('\u202E')).toBeNull();
  });

  it('cuts long names but keeps the extension', () => {
    const name = sanitiseFileName(`${'材'.repeat(300)}.pdf`)!;
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('材.pdf')).toBe(true);
  });

  it('reads the extension in lower case', () => {
    expect(extensionOf('扫描件.PDF')).toBe('pdf');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('noextension')).toBe('');
    expect(extensionOf('trailingdot.')).toBe('');
  });

  it('sends the exact name in filename* (RFC 5987) and an ASCII fallback', () => {
    expect(contentDisposition("张三's (1).pdf")).toBe(
      `attachment; filename="__'s (1).pdf"; filename*=UTF-8''%E5%BC%A0%E4%B8%89%27s%20%281%29.pdf`,
    );
  });
});

describe('the signature scanner', () => {
  const scanner = new SignatureScanner();

  it('knows the 68-byte EICAR test file', () => {
    expect(EICAR_TEST_FILE).toHaveLength(68);
  });

  it('flags the EICAR file alone and at the start of a longer file', async () => {
    expect(await scanner.scan(EICAR_TEST_FILE)).toEqual({ clean: false, signature: 'EICAR-Test-File' });
    const longer = Buffer.concat([EICAR_TEST_FILE, Buffer.from('\r\n'), aPdf()]);
    expect(await scanner.scan(longer)).toEqual({ clean: false, signature: 'EICAR-Test-File' });
  });

  it('passes ordinary files', async () => {
    expect(await scanner.scan(aPdf())).toEqual({ clean: true });
    expect(await scanner.scan(EICAR_TEST_FILE.subarray(0, 67))).toEqual({ clean: true });
  });
});
