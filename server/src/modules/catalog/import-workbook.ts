import ExcelJS from 'exceljs';
import { DomainError } from '../../platform/http/errors.js';
import { cellText } from './import-codecs.js';
import { type Column, feeColumns, itemColumns, materialColumns, SHEETS } from './import-columns.js';
import type { Cells } from './import-guide.js';

/** One problem of an import file, where a person finds it in Excel. */
export interface ImportError {
  sheet: string;
  /** Excel row number (the header is row 1). */
  row: number;
  /** The column header, or null for the whole row. */
  column: string | null;
  /** Cell reference such as `H5`, or null for the whole row. */
  cell: string | null;
  code: string;
  message: string;
}

export interface SheetRow {
  row: number;
  cells: Cells;
}

export interface ParsedFile {
  items: SheetRow[];
  materials: SheetRow[];
  fees: SheetRow[];
  errors: ImportError[];
}

/** Upper bounds that keep one import inside one reasonable transaction and in memory. */
export const IMPORT_LIMITS = {
  bytes: 10 * 1024 * 1024,
  uncompressedBytes: 100 * 1024 * 1024,
  items: 2000,
  detailRows: 20_000,
} as const;

function fileInvalid(detail: string): never {
  throw new DomainError('CATALOG_IMPORT_FILE_INVALID', {}, detail);
}

/** Reads the three data sheets; a file that is no workbook, or not our template, is refused whole. */
export async function readImportFile(data: Buffer): Promise<ParsedFile> {
  if (data.length === 0) fileInvalid('请求体为空');
  const declared = declaredUncompressedSize(data);
  if (declared === null) fileInvalid('不是 .xlsx 文件（zip 结构无法识别）');
  if (declared > IMPORT_LIMITS.uncompressedBytes)
    fileInvalid(`解压后超过 ${IMPORT_LIMITS.uncompressedBytes / 2 ** 20} MiB`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    fileInvalid(`无法读取工作簿：${(error as Error).message}`);
  }
  const errors: ImportError[] = [];
  const items = readSheet(workbook, SHEETS.items, itemColumns, errors, true);
  const materials = readSheet(workbook, SHEETS.materials, materialColumns, errors, false);
  const fees = readSheet(workbook, SHEETS.fees, feeColumns, errors, false);
  if (items.length > IMPORT_LIMITS.items)
    fileInvalid(`一次最多导入 ${IMPORT_LIMITS.items} 个事项，本文件有 ${items.length} 个`);
  if (materials.length + fees.length > IMPORT_LIMITS.detailRows)
    fileInvalid(`申请材料和收费项目合计最多 ${IMPORT_LIMITS.detailRows} 行`);
  return { items, materials, fees, errors };
}

function readSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  errors: ImportError[],
  mandatory: boolean,
): SheetRow[] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) {
    if (mandatory) fileInvalid(`缺少工作表“${name}”：请使用导入模板`);
    return [];
  }
  const positions = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    positions.set(cellText(cell.value).replace(/\s+/g, ''), col);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.header.replace(/\s+/g, '')));
  if (missing.length)
    fileInvalid(`工作表“${name}”缺少列：${missing.map((c) => c.header).join('、')}（表头须在第 1 行）`);
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues || columns.every((c) => !cellText(valueAt(row, positions, c)))) continue;
    const cells: Cells = {};
    for (const column of columns) {
      const at = positions.get(column.header.replace(/\s+/g, ''));
      const raw = valueAt(row, positions, column);
      const where = { sheet: name, row: r, column: column.header, cell: at ? `${letter(at)}${r}` : null };
      const read = column.codec.read(column.key === 'basicCode' ? paddedCode(raw) : raw);
      if ('problem' in read) errors.push({ ...where, ...read.problem });
      else if (read.value === undefined && column.required)
        errors.push({ ...where, code: 'REQUIRED', message: `${column.header}：必填` });
      else cells[column.key] = read.value;
    }
    rows.push({ row: r, cells });
  }
  return rows;
}

function valueAt(row: ExcelJS.Row, positions: ReadonlyMap<string, number>, column: Column): unknown {
  const at = positions.get(column.header.replace(/\s+/g, ''));
  return at ? row.getCell(at).value : null;
}

/** A basic code typed into a General cell loses its leading zero (10000012): put it back. */
function paddedCode(raw: unknown): unknown {
  return typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw < 1e9
    ? String(raw).padStart(9, '0')
    : raw;
}

/** 1 → A, 27 → AA. */
export function letter(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The sum of the uncompressed sizes a zip's central directory declares, or null if there is no central
 * directory: a first guard against a small file that inflates to gigabytes (a zip bomb).
 */
export function declaredUncompressedSize(data: Buffer): number | null {
  const minimum = data.length - 22 - 0xffff;
  for (let end = data.length - 22; end >= 0 && end >= minimum; end--) {
    if (data.readUInt32LE(end) !== 0x06054b50) continue;
    const entries = data.readUInt16LE(end + 10);
    let offset = data.readUInt32LE(end + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50) return null;
      total += data.readUInt32LE(offset + 24);
      offset +=
        46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
    }
    return total;
  }
  return null;
}
