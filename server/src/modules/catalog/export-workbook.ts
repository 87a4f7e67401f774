import ExcelJS from 'exceljs';
import type { ItemGuide } from './guide-schema.js';
import { type Column, feeColumns, itemColumns, materialColumns, SHEETS } from './import-columns.js';
import { type Cells, cellsOf } from './import-guide.js';
import { letter } from './import-workbook.js';

/** One implementation list to write: its codes and the guide of the chosen version. */
export interface ExportRow {
  code: string | null;
  basicCode: string;
  departmentCode: string;
  guide: ItemGuide;
}

/** Rows that get the drop-down lists and text formats beyond the written data. */
const SPARE_ROWS = 2000;

/**
 * The import template (no rows) or an export (the same columns, filled): 实施清单, 申请材料, 收费项目 and
 * 填写说明. Header cells carry a note on what goes in the column; columns with a fixed list of values get
 * a drop-down; code columns are text so leading zeros survive.
 */
export async function writeWorkbook(rows: readonly ExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '通办 Tongban';
  const items: Cells[] = [];
  const materials: Cells[] = [];
  const fees: Cells[] = [];
  rows.forEach((row, i) => {
    const rowKey = String(i + 1);
    const cells = cellsOf(row.guide);
    items.push({
      ...cells.item,
      rowKey,
      code: row.code ?? undefined,
      basicCode: row.basicCode,
      departmentCode: row.departmentCode,
    });
    for (const material of cells.materials) materials.push({ ...material, rowKey });
    for (const fee of cells.fees) fees.push({ ...fee, rowKey });
  });
  addSheet(workbook, SHEETS.items, itemColumns, items);
  addSheet(workbook, SHEETS.materials, materialColumns, materials);
  addSheet(workbook, SHEETS.fees, feeColumns, fees);
  addHelp(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], data: Cells[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? 16,
    ...(c.asText ? { style: { numFmt: '@' } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = `${c.required ? '【必填】' : ''}${c.note || c.header}`;
    if (c.required) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  });
  for (const cells of data) {
    const row = sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.codec.write(cells[c.key])])));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  const last = data.length + SPARE_ROWS;
  columns.forEach((c, i) => {
    if (!c.codec.list) return;
    const range = `${letter(i + 1)}2:${letter(i + 1)}${last}`;
    validations(sheet).add(range, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${c.codec.list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `请从下拉列表中选择：${c.codec.list.join('、')}`,
    });
  });
}

/** ExcelJS has range validations (`worksheet.dataValidations`) but does not declare them. */
function validations(sheet: ExcelJS.Worksheet) {
  return (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } })
    .dataValidations;
}

const HELP = [
  '通办 事项实施清单导入模板',
  '每个事项在“实施清单”表占一行；它的申请材料、收费项目分别在“申请材料”“收费项目”表，以“序号”对应。',
  '“实施编码”留空表示新建实施清单；填写已有实施编码表示为该清单新建草稿版本（修订），其内容整体替换为本行。',
  '导入的事项均为草稿，须经提交、审核、发布后对外公开。文件中有任何错误时不导入任何数据，并列出每个错误所在的工作表、行、列。',
  '多行内容（办理流程、办理地点、咨询方式、投诉方式）在单元格内换行（Alt+Enter），每行一项。',
];

function addHelp(workbook: ExcelJS.Workbook) {
  const sheet = workbook.addWorksheet(SHEETS.help);
  sheet.columns = [
    { header: '工作表', key: 'sheet', width: 12 },
    { header: '列名', key: 'header', width: 24 },
    { header: '必填', key: 'required', width: 8 },
    { header: '说明', key: 'note', width: 80 },
  ];
  sheet.spliceRows(1, 0, ...HELP.map((line) => [line]), []);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(HELP.length + 2).font = { bold: true };
  const sheets: [string, readonly Column[]][] = [
    [SHEETS.items, itemColumns],
    [SHEETS.materials, materialColumns],
    [SHEETS.fees, feeColumns],
  ];
  for (const [name, columns] of sheets)
    for (const c of columns)
      sheet.addRow({
        sheet: name,
        header: c.header,
        required: c.required ? '是' : '',
        note: [c.note, c.codec.list ? `可选值：${c.codec.list.join('、')}` : ''].filter(Boolean).join('；'),
      });
}
