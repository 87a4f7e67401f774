import type { Services } from '../app.js';
import { importPublishedItem } from '../modules/catalog/published-import.js';
import { Permissions } from '../modules/identity/permissions.js';
import { appendAudit } from '../platform/audit/ledger.js';
import type { Db } from '../platform/db/database.js';
import { uuidv7 } from '../platform/db/ids.js';
import { type Trx, withTransaction } from '../platform/db/transaction.js';
import { type DataScope, type RequestContext, systemContext } from '../platform/http/context.js';
import { newbornBundle } from './catalog-demo-bundle.js';
import { businessItems } from './catalog-demo-business.js';
import { civilItems } from './catalog-demo-civil.js';
import { provinceHealthItems } from './catalog-demo-health.js';
import { countyHealthItems } from './catalog-demo-health-county.js';
import { localHealthItems } from './catalog-demo-health-local.js';
import { socialItems } from './catalog-demo-social.js';
import type { DemoItem } from './catalog-demo-types.js';
import { DEMO_PASSWORD } from './demo-data.js';

/** Every demo implementation list: 34 real items of the seeds' lists, published by Hainan demo departments. */
export const demoItems: readonly DemoItem[] = [
  ...provinceHealthItems,
  ...localHealthItems,
  ...countyHealthItems,
  ...civilItems,
  ...businessItems,
  ...socialItems,
];

/** Demo departments that publish items (root departments in the Hainan demo regions). */
export const catalogDemoDepartments = [
  { code: 'HN-WJW', name: '海南省卫生健康委员会', regionCode: '460000' },
  { code: 'HN-GAT', name: '海南省公安厅', regionCode: '460000' },
  { code: 'HK-WJW', name: '海口市卫生健康委员会', regionCode: '460100' },
  { code: 'HK-GAJ', name: '海口市公安局', regionCode: '460100' },
  { code: 'HK-SCJGJ', name: '海口市市场监督管理局', regionCode: '460100' },
  { code: 'HK-YBJ', name: '海口市医疗保障局', regionCode: '460100' },
  { code: 'HK-RSJ', name: '海口市人力资源和社会保障局', regionCode: '460100' },
  { code: 'XY-WJW', name: '秀英区卫生健康委员会', regionCode: '460105' },
  { code: 'XY-MZJ', name: '秀英区民政局', regionCode: '460105' },
  { code: 'LH-MZJ', name: '龙华区民政局', regionCode: '460106' },
] as const;

/** 事项管理员 drafts and submits, 事项审核员 reviews and publishes: across Hainan (regionTree). */
export const catalogDemoRoles: readonly { code: string; name: string; grants: [string, DataScope][] }[] = [
  {
    code: 'item_admin',
    name: '事项管理员',
    grants: [
      [Permissions.catalogItemRead, 'regionTree'],
      [Permissions.catalogItemManage, 'regionTree'],
      [Permissions.catalogBasicManage, 'regionTree'],
      [Permissions.catalogBundleManage, 'regionTree'],
      // to pick the implementing department of a new list
      [Permissions.departmentRead, 'regionTree'],
    ],
  },
  {
    code: 'item_reviewer',
    name: '事项审核员',
    grants: [
      [Permissions.catalogItemRead, 'regionTree'],
      [Permissions.catalogItemReview, 'regionTree'],
    ],
  },
];

/** Demo staff of 海南省政务服务管理局 (listed in the README). */
export const catalogDemoStaff = [
  { username: 'itemadmin', name: '孙编制', role: 'item_admin' },
  { username: 'itemreviewer', name: '周审核', role: 'item_reviewer' },
] as const;

/**
 * Loads the demo catalogue, skipping what exists: departments by code, roles by code, staff by username,
 * basic items by code, implementation lists by (basic item, department), the bundle by code. Items enter
 * published, through the same checks as publishing.
 */
export async function loadCatalogDemo(trx: Trx, ctx: RequestContext, services: Services): Promise<void> {
  const departments = await ensureDepartments(trx, ctx);
  await ensureRoles(trx, ctx);
  const home = departments.get('HN-ZWFWGLJ');
  if (home) {
    for (const s of catalogDemoStaff)
      await services.organisations.staff.createStaffIfMissing(trx, ctx, {
        username: s.username,
        name: s.name,
        password: DEMO_PASSWORD,
        departmentId: home,
        postId: null,
        roleCodes: [s.role],
      });
  }
  const items = new Map<string, string>();
  for (const item of demoItems) {
    const basicId = await ensureBasic(trx, ctx, services, item);
    const departmentId = departments.get(item.department)!;
    const found = await trx
      .selectFrom('catalog_items')
      .select('id')
      .where('basic_item_id', '=', basicId)
      .where('department_id', '=', departmentId)
      .executeTakeFirst();
    const id =
      found?.id ??
      (
        await importPublishedItem(trx, ctx, services.catalog.drafts, {
          basicItemId: basicId,
          departmentId,
          guide: item.guide,
        })
      ).itemId;
    items.set(`${item.basic.code}@${item.department}`, id);
  }
  const bundle = newbornBundle;
  if (
    !(await trx.selectFrom('catalog_bundles').select('id').where('code', '=', bundle.code).executeTakeFirst())
  ) {
    const id = uuidv7();
    const input = {
      ...bundle,
      departmentId: departments.get(bundle.department)!,
      members: bundle.members.map((m) => ({
        itemId: items.get(`${m.basicCode}@${m.department}`)!,
        fieldMap: m.fieldMap,
      })),
    };
    await services.catalog.bundles.save(trx, null, id, input, true);
    await appendAudit(trx, ctx, {
      action: 'catalog.createBundle',
      target: { type: 'catalogBundle', id },
      details: { code: bundle.code },
    });
  }
}

/**
 * The demo catalogue in a transaction of its own. Bootstrap skips the catalogue under NODE_ENV=test (it
 * would slow every test app down); a test that wants it calls this after `startTestApp()`.
 */
export async function loadCatalogDemoNow(db: Db, services: Services): Promise<void> {
  await withTransaction(db, (trx) => loadCatalogDemo(trx, systemContext('bootstrap'), services));
}

async function ensureDepartments(trx: Trx, ctx: RequestContext): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const wanted = ['HN-ZWFWGLJ', 'HK-ZWFWZX', ...catalogDemoDepartments.map((d) => d.code)];
  const rows = await trx
    .selectFrom('departments')
    .select(['id', 'code'])
    .where('code', 'in', wanted)
    .execute();
  for (const row of rows) ids.set(row.code!, row.id);
  for (const d of catalogDemoDepartments) {
    if (ids.has(d.code)) continue;
    const id = uuidv7();
    await trx
      .insertInto('departments')
      .values({ id, name: d.name, code: d.code, region_code: d.regionCode, parent_id: null, path: id })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'identity.createDepartment',
      target: { type: 'department', id },
      details: { name: d.name, regionCode: d.regionCode, code: d.code },
    });
    ids.set(d.code, id);
  }
  return ids;
}

async function ensureRoles(trx: Trx, ctx: RequestContext): Promise<void> {
  for (const role of catalogDemoRoles) {
    if (await trx.selectFrom('roles').select('id').where('code', '=', role.code).executeTakeFirst()) continue;
    const id = uuidv7();
    await trx.insertInto('roles').values({ id, code: role.code, name: role.name }).execute();
    const grants = role.grants.map(([permission, scope]) => ({ role_id: id, permission, data_scope: scope }));
    await trx.insertInto('role_permissions').values(grants).execute();
    await appendAudit(trx, ctx, {
      action: 'identity.createRole',
      target: { type: 'role', id },
      details: { code: role.code, grants: role.grants },
    });
  }
}

async function ensureBasic(
  trx: Trx,
  ctx: RequestContext,
  services: Services,
  item: DemoItem,
): Promise<string> {
  const found = await trx
    .selectFrom('catalog_basic_items')
    .select('id')
    .where('code', '=', item.basic.code)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await services.catalog.basics.insert(trx, item.basic);
  await appendAudit(trx, ctx, {
    action: 'catalog.createBasicItem',
    target: { type: 'catalogBasicItem', id: row.id },
    details: { code: row.code, name: row.name, itemType: row.item_type },
  });
  return row.id;
}
