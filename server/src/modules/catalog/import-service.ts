import { Value } from 'typebox/value';
import { appendAudit } from '../../platform/audit/ledger.js';
import { sm3Hex } from '../../platform/crypto/sm3.js';
import type { Db } from '../../platform/db/database.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { type ActorScope, canSee, loadActorScope } from '../identity/organisations/data-scope.js';
import { Permissions } from '../identity/permissions.js';
import { departmentCodePart } from './codes.js';
import { checkGuide } from './guide-rules.js';
import { ItemGuide } from './guide-schema.js';
import { itemColumns, SHEETS } from './import-columns.js';
import { assemble, at, locate, type PlannedRow } from './import-plan.js';
import { type ImportError, readImportFile } from './import-workbook.js';
import { type ItemDraftService, insertVersion } from './item-service.js';
import * as repo from './repo.js';
import { mapConflicts, requireActor } from './support.js';

const MANAGE = Permissions.catalogItemManage;
type Conn = Db | Trx;

export type ImportMode = 'validate' | 'all-or-nothing';

/** What one row does: a new implementation list, or a new draft version of an existing one. */
export interface ImportedItem {
  row: number;
  rowKey: string;
  action: 'create' | 'revise';
  name: string;
  code: string | null;
  itemId: string | null;
  versionId: string | null;
  versionNumber: number | null;
}

export interface ImportReport {
  mode: ImportMode;
  valid: boolean;
  file: { sm3: string; bytes: number };
  counts: { items: number; materials: number; fees: number };
  items: ImportedItem[];
  errors: ImportError[];
}

/** A row checked against the database: where it goes, with the defaults filled in. */
interface ResolvedRow extends PlannedRow {
  basicItemId: string;
  departmentId: string;
  existing: { id: string; number: number } | null;
}

/**
 * 批量导入 — implementation lists from the Excel template, **all or nothing**: every row is read, joined
 * with its materials and fees, its references resolved within the caller's scope for
 * `catalog:item:manage`, and its guide put through the publication checks; one problem anywhere and
 * nothing is written (`CATALOG_IMPORT_INVALID`, every problem with its sheet, row and column). A clean
 * file becomes draft versions in one transaction, each audited. `validate` is the same dry run, answered
 * as a report. Drafts go through submit → review → publish like any other: an import never publishes.
 */
export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly drafts: ItemDraftService,
  ) {}

  async importFile(ctx: RequestContext, data: Buffer, mode: ImportMode): Promise<ImportReport> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    const parsed = await readImportFile(data);
    const file = { sm3: sm3Hex(data), bytes: data.length };
    const counts = {
      items: parsed.items.length,
      materials: parsed.materials.length,
      fees: parsed.fees.length,
    };
    const { rows, errors } = assemble(parsed);
    if (mode === 'validate') {
      const resolved = await this.check(this.db, actor, rows, errors);
      return { mode, valid: errors.length === 0, file, counts, items: resolved.map(planned), errors };
    }
    return mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        const resolved = await this.check(trx, actor, rows, errors);
        if (errors.length) throw importInvalid(errors);
        const items: ImportedItem[] = [];
        for (const row of resolved) items.push(await this.write(trx, ctx, actor, row));
        await appendAudit(trx, ctx, {
          action: 'catalog.importItems',
          target: { type: 'catalogImport', id: file.sm3 },
          details: { ...file, ...counts, created: items.filter((i) => i.action === 'create').length },
        });
        return { mode, valid: true, file, counts, items, errors: [] };
      }),
    );
  }

  /** Resolves every row and adds each problem to `errors`; returns the rows that resolved. */
  private async check(conn: Conn, actor: ActorScope, rows: PlannedRow[], errors: ImportError[]) {
    const refs = await references(conn, rows);
    const resolved: ResolvedRow[] = [];
    const codes = new Set<string>();
    const unreadable = new Set(errors.map(where));
    for (const row of rows) {
      const problems: ImportError[] = [];
      const fail = (key: string, code: string, message: string) =>
        problems.push(at(SHEETS.items, row.row, itemColumns, key, code, message));
      const basic = refs.basics.get(row.basicCode);
      if (row.basicCode && !basic)
        fail('basicCode', 'UNKNOWN_BASIC_CODE', `基本编码“${row.basicCode}”不存在`);
      if (basic?.status === 'disabled') fail('basicCode', 'BASIC_ITEM_DISABLED', '该基本目录事项已停用');
      const department = refs.departments.get(row.departmentCode);
      const reachable =
        department &&
        canSee(actor, MANAGE, { departmentPath: department.path, regionPath: department.region_path });
      if (row.departmentCode && !reachable)
        fail(
          'departmentCode',
          'UNKNOWN_DEPARTMENT',
          `部门编码“${row.departmentCode}”不存在或不在您的管理范围内`,
        );
      else if (department && !departmentCodePart(department.code))
        fail(
          'departmentCode',
          'DEPARTMENT_CODE_MISSING',
          '该部门编码不能用于实施编码（须为 2–20 位字母或数字）',
        );
      let existing: ResolvedRow['existing'] = null;
      if (row.code) {
        const item = refs.items.get(row.code);
        const open = refs.open.get(row.code);
        if (codes.has(row.code)) fail('code', 'DUPLICATE_ITEM', `实施编码“${row.code}”在本文件中出现多次`);
        codes.add(row.code);
        if (!item || !canSee(actor, MANAGE, { departmentPath: item.path, regionPath: item.region_path }))
          fail('code', 'UNKNOWN_ITEM', `实施编码“${row.code}”不存在或不在您的管理范围内`);
        else if (item.cancelled_at) fail('code', 'ITEM_CANCELLED', '该事项已取消，不能再修订');
        else if (open) fail('code', 'OPEN_VERSION_EXISTS', `该事项已有未发布的版本 ${open}，请先处理该版本`);
        else if (item.basic_code !== row.basicCode || item.department_code !== row.departmentCode)
          fail('code', 'ITEM_MISMATCH', '实施编码与基本编码、实施部门编码不一致');
        else existing = { id: item.id, number: item.latest };
      }
      // the defaults of insertItem; an unresolved reference is already an error, so its stand-in is moot
      const guide: ItemGuide = {
        ...row.guide,
        name: row.guide.name ?? basic?.name ?? row.basicCode,
        implementingBody: row.guide.implementingBody ?? department?.name ?? row.departmentCode,
        objectType: row.guide.objectType ?? basic?.object_type ?? 'both',
      };
      // a cell that could not be read is empty in the guide: its follow-on problems would only repeat it
      const seen = new Set(problems.map(where));
      const reported = new Set<string>();
      for (const problem of [...shapeProblems(guide), ...checkGuide(guide)]) {
        const error = locate(row, problem);
        const key = `${where(error)} ${error.message}`;
        if (unreadable.has(where(error)) || seen.has(where(error)) || reported.has(key)) continue;
        reported.add(key);
        problems.push(error);
      }
      errors.push(...problems);
      if (basic && department && problems.length === 0)
        resolved.push({ ...row, guide, basicItemId: basic.id, departmentId: department.id, existing });
    }
    errors.sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row || byColumn(a, b));
    return resolved;
  }

  private async write(
    trx: Trx,
    ctx: RequestContext,
    actor: ActorScope,
    row: ResolvedRow,
  ): Promise<ImportedItem> {
    let itemId: string;
    let versionId: string;
    let code: string;
    if (row.existing) {
      itemId = row.existing.id;
      await repo.lockItem(trx, itemId);
      versionId = await insertVersion(trx, ctx, itemId, row.existing.number + 1, row.guide);
      code = row.code!;
    } else {
      const input = { basicItemId: row.basicItemId, departmentId: row.departmentId, guide: row.guide };
      ({ itemId, versionId, code } = await this.drafts.insertItem(trx, ctx, actor, input));
    }
    const version = (await repo.findVersion(trx, versionId))!;
    await repo.recordEvent(trx, ctx, version, 'import', `Excel 导入，第 ${row.row} 行`);
    await appendAudit(trx, ctx, {
      action: 'catalog.importItemDraft',
      target: { type: 'catalogItem', id: itemId },
      details: { code, versionId, number: version.number, row: row.row, departmentId: row.departmentId },
      change: row.guide,
    });
    return { ...planned(row), code, itemId, versionId, versionNumber: version.number };
  }
}

function planned(row: ResolvedRow): ImportedItem {
  return {
    row: row.row,
    rowKey: row.rowKey,
    action: row.existing ? 'revise' : 'create',
    name: row.guide.name ?? '',
    code: row.code ?? null,
    itemId: row.existing?.id ?? null,
    versionId: null,
    versionNumber: row.existing ? row.existing.number + 1 : 1,
  };
}

const where = (e: ImportError) => `${e.sheet}!${e.cell ?? e.row}`;
/** Same row: A < B < … < Z < AA, the whole row (null) first. */
const byColumn = (a: ImportError, b: ImportError) =>
  (a.cell?.length ?? 0) - (b.cell?.length ?? 0) || (a.cell ?? '').localeCompare(b.cell ?? '');
const sheetOrder = (sheet: string) => Object.values(SHEETS).indexOf(sheet as never);

/** `CATALOG_IMPORT_INVALID` naming every problem: `field` is `<sheet>!<cell>`, as Excel writes references. */
export function importInvalid(errors: readonly ImportError[]): DomainError {
  const fieldErrors = errors.map((e) => ({ field: `${e.sheet}!${e.cell ?? e.row}`, ...e }));
  const detail = `${errors.length} 个错误，未导入任何数据`;
  return new DomainError('CATALOG_IMPORT_INVALID', { count: errors.length }, detail, fieldErrors);
}

/** Shape problems (lengths, formats such as file references) the cells alone did not catch. */
function shapeProblems(guide: ItemGuide) {
  return [...Value.Errors(ItemGuide, guide)].flatMap((e) => {
    const path = e.instancePath.slice(1).replaceAll('/', '.');
    const missing = (e.params as { requiredProperties?: string[] }).requiredProperties;
    if (e.keyword === 'required' && missing)
      return missing.map((name) => ({
        path: path ? `${path}.${name}` : name,
        code: 'MISSING',
        message: e.message,
      }));
    return [{ path, code: 'INVALID_VALUE', message: e.message }];
  });
}

/** The basic items, departments and existing items the rows name, each looked up once. */
async function references(conn: Conn, rows: readonly PlannedRow[]) {
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const basicCodes = unique(rows.map((r) => r.basicCode));
  const departmentCodes = unique(rows.map((r) => r.departmentCode));
  const itemCodes = unique(rows.map((r) => r.code));
  const basics = basicCodes.length
    ? await conn.selectFrom('catalog_basic_items').selectAll().where('code', 'in', basicCodes).execute()
    : [];
  const departments = departmentCodes.length
    ? await conn
        .selectFrom('departments as d')
        .innerJoin('regions as r', 'r.code', 'd.region_code')
        .select(['d.id', 'd.code', 'd.name', 'd.path', 'r.path as region_path'])
        .where('d.code', 'in', departmentCodes)
        .execute()
    : [];
  const items = itemCodes.length
    ? await repo
        .items(conn)
        .select(['d.code as department_code'])
        .select((eb) =>
          eb
            .selectFrom('catalog_item_versions as v')
            .select((v) => v.fn.max('v.number').as('n'))
            .whereRef('v.item_id', '=', 'i.id')
            .as('latest'),
        )
        .where('i.code', 'in', itemCodes)
        .execute()
    : [];
  const open = await repo.liveAndOpen(
    conn,
    items.map((i) => i.id),
  );
  return {
    basics: new Map(basics.map((b) => [b.code, b])),
    departments: new Map(departments.map((d) => [d.code ?? '', d])),
    items: new Map(items.map((i) => [i.code, { ...i, latest: Number(i.latest ?? 0) }])),
    open: new Map(
      items.flatMap((i) => {
        const version = open.get(i.id)?.open;
        return version ? [[i.code, version.number] as const] : [];
      }),
    ),
  };
}
