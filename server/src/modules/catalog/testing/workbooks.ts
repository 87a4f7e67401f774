import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { type ExportRow, writeWorkbook } from '../export-workbook.js';
import { XLSX_TYPE } from '../import-schema.js';

/** POSTs `file` to the import with the .xlsx content type (or `type`). */
export function upload(
  app: Pick<FastifyInstance, 'inject'>,
  headers: Record<string, string>,
  file: Buffer,
  query = '',
  type = XLSX_TYPE,
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/catalog/admin/import${query}`,
    headers: { ...headers, 'content-type': type },
    payload: file,
  });
}

/** A workbook of `rows` (as the export writes them), then `edit` applied to it as a person would in Excel. */
export async function aWorkbook(
  rows: readonly ExportRow[],
  edit: (book: ExcelJS.Workbook) => void = () => {},
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writeWorkbook(rows)) as unknown as ArrayBuffer);
  edit(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Sets the cell under `header` in Excel row `row` of `sheet`. */
export function setCell(book: ExcelJS.Workbook, sheet: string, row: number, header: string, value: unknown) {
  const ws = book.getWorksheet(sheet)!;
  let column = 0;
  ws.getRow(1).eachCell((cell, col) => {
    if (cell.value === header) column = col;
  });
  if (!column) throw new Error(`no column ${header} in ${sheet}`);
  ws.getRow(row).getCell(column).value = value as ExcelJS.CellValue;
}

/** Reads an .xlsx reply. */
export async function readBook(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

/** A guide as JSON with empty lists and nulls dropped: what a round trip through Excel must keep. */
export function comparable(guide: unknown): unknown {
  return JSON.parse(
    JSON.stringify(guide, (_key, value) =>
      value === null || (Array.isArray(value) && value.length === 0) ? undefined : value,
    ),
  );
}
