import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { makeRole, makeStaff, sessionFor } from '../../test/organisations.js';
import { signIn, startTestApp } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';
import { Permissions as P } from '../identity/permissions.js';
import { XLSX_TYPE } from './import-schema.js';
import { aBasicItem, catalogClient, departmentId } from './testing/api.js';
import { aGuide } from './testing/builders.js';
import { aWorkbook, comparable, readBook, setCell, upload } from './testing/workbooks.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const adminHeaders = await signIn(app, 'itemadmin', DEMO_PASSWORD);
const author = catalogClient(app, adminHeaders);
const health = await departmentId(db, 'HK-WJW');
const written = async () =>
  Promise.all(
    (['catalog_items', 'catalog_item_versions', 'catalog_version_events', 'audit_ledger'] as const).map((t) =>
      countRows(db, t),
    ),
  );
const get = (headers: Record<string, string>, url: string) =>
  app.inject({ method: 'GET', url: `/api/v1/catalog/admin${url}`, headers });

describe('Excel template', () => {
  it('has the three data sheets and the instructions, with header notes and drop-down lists', async () => {
    const response = await get(adminHeaders, '/import-template');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_TYPE);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const book = await readBook(response.rawPayload);
    expect(book.worksheets.map((s) => s.name)).toEqual(['实施清单', '申请材料', '收费项目', '填写说明']);
    const items = book.getWorksheet('实施清单')!;
    expect(items.getRow(1).getCell(3).value).toBe('基本编码');
    expect(String(items.getRow(1).getCell(3).note)).toContain('【必填】');
    const validations = (
      items as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }
    ).dataValidations.model;
    expect(Object.values(validations).map((v) => v.formulae[0])).toContain('"自然人,法人,自然人、法人"');
  });
});

describe('Excel export and import', () => {
  it('round-trips: an export validates without errors and imports as drafts equal to the published guides', async () => {
    const everything = await get(adminHeaders, '/export');
    expect(Number(everything.headers['x-item-count'])).toBe(34);
    const all = await upload(app, adminHeaders, everything.rawPayload, '?mode=validate');
    expect(all.json().errors).toEqual([]);
    const exported = await get(adminHeaders, `/export?departmentId=${health}`);
    expect(exported.statusCode, exported.body).toBe(200);
    const count = Number(exported.headers['x-item-count']);
    expect(count).toBeGreaterThan(3);
    const dry = await upload(app, adminHeaders, exported.rawPayload, '?mode=validate');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ mode: 'validate', valid: true, errors: [] });
    expect(dry.json().items).toHaveLength(count);
    expect(dry.json().items.every((i: { action: string }) => i.action === 'revise')).toBe(true);

    const imported = await upload(app, adminHeaders, exported.rawPayload);
    expect(imported.statusCode, imported.body).toBe(201);
    for (const item of imported.json().items as { itemId: string; versionId: string }[]) {
      const versions = await db
        .selectFrom('catalog_item_versions')
        .select(['id', 'status', 'guide'])
        .where('item_id', '=', item.itemId)
        .where('status', 'in', ['published', 'draft'])
        .execute();
      const draft = versions.find((v) => v.status === 'draft')!;
      expect(draft.id).toBe(item.versionId);
      const published = versions.find((v) => v.status === 'published')!;
      expect(comparable(draft.guide)).toEqual(comparable(published.guide));
    }
    // the same file again: every list now has a version in the works
    const again = await upload(app, adminHeaders, exported.rawPayload, '?mode=validate');
    expect(again.json().errors).toHaveLength(count);
    expect(again.json().errors[0]).toMatchObject({
      sheet: '实施清单',
      row: 2,
      column: '实施编码',
      code: 'OPEN_VERSION_EXISTS',
    });
  });

  it('creates new lists from rows without an implementation code, as audited drafts; Idempotency-Key replays', async () => {
    const basic = await aBasicItem(author);
    const file = await aWorkbook([
      { code: null, basicCode: basic.code, departmentCode: 'HK-WJW', guide: aGuide({ name: '导入事项甲' }) },
      { code: null, basicCode: basic.code, departmentCode: 'HK-WJW', guide: aGuide({ name: '导入事项乙' }) },
    ]);
    const headers = { ...adminHeaders, 'idempotency-key': `import-${basic.code}` };
    const response = await upload(app, headers, file);
    expect(response.statusCode, response.body).toBe(201);
    const items = response.json().items as { code: string; itemId: string; versionNumber: number }[];
    expect(items.map((i) => i.code)).toEqual([
      `${basic.code}-460100-HKWJW-01`,
      `${basic.code}-460100-HKWJW-02`,
    ]);
    expect(items.every((i) => i.versionNumber === 1)).toBe(true);
    const version = await author.get(`/admin/items/${items[0]!.itemId}`);
    expect(version.json().versions[0]).toMatchObject({ number: 1, status: 'draft' });
    const actions = await db
      .selectFrom('audit_ledger')
      .select('action')
      .where('action', 'like', 'catalog.import%')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['catalog.importItemDraft', 'catalog.importItems']),
    );
    const before = await written();
    const replay = await upload(app, headers, file);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(response.json());
    expect(await written()).toEqual(before);
  });

  it('refuses a file with two bad rows, naming both with sheet, row, column and code, and writes nothing', async () => {
    const basic = await aBasicItem(author);
    const row = (name: string) => ({
      code: null,
      basicCode: basic.code,
      departmentCode: 'HK-WJW',
      guide: aGuide({ name }),
    });
    const file = await aWorkbook([row('好的一行'), row('部门不存在'), row('服务对象不对')], (book) => {
      setCell(book, '实施清单', 3, '实施部门编码', 'NO-SUCH');
      setCell(book, '实施清单', 4, '服务对象', '外星人');
      setCell(book, '申请材料', 6, '份数', 'two');
    });
    const before = await written();
    const response = await upload(app, adminHeaders, file);
    expect(response.statusCode, response.body).toBe(422);
    const problem = response.json();
    expect(problem.code).toBe('CATALOG_IMPORT_INVALID');
    expect(problem.errors).toEqual([
      expect.objectContaining({
        sheet: '实施清单',
        row: 3,
        column: '实施部门编码',
        code: 'UNKNOWN_DEPARTMENT',
        field: '实施清单!D3',
      }),
      expect.objectContaining({
        sheet: '实施清单',
        row: 4,
        column: '服务对象',
        code: 'INVALID_VALUE',
        field: '实施清单!H4',
      }),
      expect.objectContaining({ sheet: '申请材料', row: 6, column: '份数', code: 'INVALID_NUMBER' }),
    ]);
    expect(problem.errors[1].message).toContain('外星人');
    expect(await written()).toEqual(before);
    const dry = await upload(app, adminHeaders, file, '?mode=validate');
    expect(dry.statusCode).toBe(200);
    expect(dry.json().valid).toBe(false);
    expect(dry.json().errors).toHaveLength(3);
  });

  it('places publication-check and format problems on their cells', async () => {
    const basic = await aBasicItem(author);
    const guide = aGuide({ committedDays: 30, statutoryDays: 20 });
    const file = await aWorkbook(
      [{ code: null, basicCode: basic.code, departmentCode: 'HK-WJW', guide }],
      (book) => {
        setCell(book, '申请材料', 2, '文件类型', null);
        setCell(book, '实施清单', 2, '结果样本', 'not a file');
      },
    );
    const response = await upload(app, adminHeaders, file, '?mode=validate');
    expect(response.json().errors).toEqual([
      expect.objectContaining({
        sheet: '实施清单',
        cell: 'K2',
        code: 'INVALID',
        message: expect.stringContaining('承诺'),
      }),
      expect.objectContaining({ sheet: '实施清单', cell: 'Y2', column: '结果样本', code: 'INVALID_VALUE' }),
      expect.objectContaining({ sheet: '申请材料', row: 2, column: '文件类型', code: 'MISSING' }),
    ]);
    expect(response.json().errors[1].message).toMatch(/^结果样本：格式或取值不正确/);
  });

  it('answers 415 for another content type and 400 for a corrupt file or another workbook', async () => {
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/admin/import',
      headers: adminHeaders,
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const corrupt = await upload(app, adminHeaders, Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json().code).toBe('CATALOG_IMPORT_FILE_INVALID');
    const other = await aWorkbook([], (book) => {
      book.removeWorksheet(book.getWorksheet('实施清单')!.id);
    });
    const wrong = await upload(app, adminHeaders, other);
    expect(wrong.json()).toMatchObject({ status: 400, code: 'CATALOG_IMPORT_FILE_INVALID' });
    expect(wrong.json().detail).toContain('实施清单');
  });
});

describe('import and export permissions', () => {
  it('keeps a department editor to their department, and refuses callers without the permission', async () => {
    const role = await makeRole(db, 'hk_health_importer', [
      [P.catalogItemRead, 'department'],
      [P.catalogItemManage, 'department'],
    ]);
    const editor = await sessionFor(db, await makeStaff(db, health, [role]));
    const police = await db
      .selectFrom('catalog_items')
      .select('code')
      .where('code', 'like', '%-HKGAJ-%')
      .executeTakeFirstOrThrow();
    const basic = await aBasicItem(author);
    const file = await aWorkbook([
      { code: null, basicCode: basic.code, departmentCode: 'HK-GAJ', guide: aGuide() },
      { code: police.code, basicCode: police.code.slice(0, 9), departmentCode: 'HK-GAJ', guide: aGuide() },
    ]);
    const response = await upload(app, editor, file);
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'UNKNOWN_DEPARTMENT',
      'UNKNOWN_ITEM',
      'UNKNOWN_DEPARTMENT',
    ]);

    const exported = await readBook((await get(editor, '/export')).rawPayload);
    const codes: string[] = [];
    exported.getWorksheet('实施清单')!.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(2).value));
    });
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code.includes('-HKWJW-'))).toBe(true);

    const reader = await makeRole(db, 'catalog_reader_only', [[P.catalogItemRead, 'all']]);
    const readOnly = await sessionFor(db, await makeStaff(db, health, [reader]));
    expect((await upload(app, readOnly, file)).statusCode).toBe(403);
    expect((await get(readOnly, '/import-template')).statusCode).toBe(403);
    expect((await upload(app, {}, file)).statusCode).toBe(401);
    expect((await get({}, '/export')).statusCode).toBe(401);
  });
});
