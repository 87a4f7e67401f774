import type { RuleProblem } from '../../shared/catalog/problems.js';
import type { ItemGuide } from './guide-schema.js';
import { type Column, feeColumns, itemColumns, materialColumns, SHEETS } from './import-columns.js';
import { guideOf } from './import-guide.js';
import { problemMessage } from './import-messages.js';
import { type ImportError, letter, type ParsedFile, type SheetRow } from './import-workbook.js';

/** One 实施清单 row with its materials and fees, as a guide, and where each part came from. */
export interface PlannedRow {
  row: number;
  rowKey: string;
  code: string | undefined;
  basicCode: string;
  departmentCode: string;
  guide: ItemGuide;
  materialRows: number[];
  feeRows: number[];
}

/**
 * Puts the three sheets together: each material and fee row joins the 实施清单 row of its 序号. A 序号
 * used twice, or a detail row whose 序号 no item has, is an error of that row.
 */
export function assemble(file: ParsedFile): { rows: PlannedRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [...file.errors];
  const byKey = new Map<string, SheetRow>();
  for (const item of file.items) {
    const key = item.cells.rowKey as string | undefined;
    if (key === undefined) continue;
    if (byKey.has(key))
      errors.push(at(SHEETS.items, item.row, itemColumns, 'rowKey', 'DUPLICATE_ROW_KEY', `序号“${key}”重复`));
    else byKey.set(key, item);
  }
  const details = (rows: SheetRow[], sheet: string, columns: readonly Column[]) => {
    const grouped = new Map<string, SheetRow[]>();
    for (const detail of rows) {
      const key = detail.cells.rowKey as string | undefined;
      if (key === undefined) continue;
      if (!byKey.has(key)) {
        const message = `序号“${key}”在“实施清单”表中不存在`;
        errors.push(at(sheet, detail.row, columns, 'rowKey', 'UNKNOWN_ROW_KEY', message));
        continue;
      }
      grouped.set(key, [...(grouped.get(key) ?? []), detail]);
    }
    return grouped;
  };
  const materials = details(file.materials, SHEETS.materials, materialColumns);
  const fees = details(file.fees, SHEETS.fees, feeColumns);
  const rows: PlannedRow[] = [];
  for (const [rowKey, item] of byKey) {
    const m = materials.get(rowKey) ?? [];
    const f = fees.get(rowKey) ?? [];
    rows.push({
      row: item.row,
      rowKey,
      code: item.cells.code as string | undefined,
      basicCode: (item.cells.basicCode as string | undefined) ?? '',
      departmentCode: (item.cells.departmentCode as string | undefined) ?? '',
      guide: guideOf({ item: item.cells, materials: m.map((d) => d.cells), fees: f.map((d) => d.cells) }),
      materialRows: m.map((d) => d.row),
      feeRows: f.map((d) => d.row),
    });
  }
  if (file.items.length === 0)
    errors.push({
      sheet: SHEETS.items,
      row: 2,
      column: null,
      cell: null,
      code: 'NO_ROWS',
      message: '“实施清单”表中没有事项',
    });
  return { rows, errors };
}

/** An error on the cell of `key` in `row` of `sheet`. */
export function at(
  sheet: string,
  row: number,
  columns: readonly Column[],
  key: string | null,
  code: string,
  message: string,
): ImportError {
  const index = key === null ? -1 : columns.findIndex((c) => c.key === key);
  const column = columns[index];
  return {
    sheet,
    row,
    column: column?.header ?? null,
    cell: column ? `${letter(index + 1)}${row}` : null,
    code,
    message,
  };
}

/** Where a problem with a guide path (`materials.2.copies`, `form.properties.x`) sits in the file. */
export function locate(planned: PlannedRow, problem: RuleProblem, prefix = ''): ImportError {
  const parts = problem.path.split('.');
  const detail = parts[0] === 'materials' || parts[0] === 'fees' ? parts[0] : null;
  const index = Number(parts[1]);
  if (detail && Number.isInteger(index)) {
    const sheet = detail === 'materials' ? SHEETS.materials : SHEETS.fees;
    const columns = detail === 'materials' ? materialColumns : feeColumns;
    const rows = detail === 'materials' ? planned.materialRows : planned.feeRows;
    const column = parts[2] === undefined ? undefined : columns.find((c) => c.path === parts[2]);
    const error = at(
      sheet,
      rows[index] ?? planned.row,
      columns,
      column?.key ?? null,
      `${prefix}${problem.code}`,
      '',
    );
    return { ...error, message: problemMessage(problem, column?.header ?? null) };
  }
  const path = problem.path === 'fees' ? 'charged' : problem.path;
  const column =
    itemColumns.find((c) => c.path && (path === c.path || path.startsWith(`${c.path}.`))) ??
    itemColumns.find((c) => c.path?.startsWith(`${path}.`));
  const error = at(
    SHEETS.items,
    planned.row,
    itemColumns,
    column?.key ?? null,
    `${prefix}${problem.code}`,
    '',
  );
  return { ...error, message: problemMessage(problem, column?.header ?? null) };
}
