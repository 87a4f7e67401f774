import type { Selectable } from 'kysely';
import { appendAudit } from '../../../platform/audit/ledger.js';
import { foreignKeyViolation } from '../../../platform/db/constraint-errors.js';
import type { Db } from '../../../platform/db/database.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { withTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import { Permissions } from '../permissions.js';
import '../regions/errors.js';
import { findRegion } from '../regions/repo.js';
import { regionCovers, whereRegionWithin } from '../regions/scope.js';
import { type ActorScope, canSee, loadActorScope, whereInScope } from './data-scope.js';
import type { DepartmentsTable } from './migrations.js';
import * as repo from './repo.js';
import {
  inScope,
  lockDepartmentTree,
  mapConflicts,
  parseCursor,
  parseText,
  requireActor,
  toPage,
} from './rules.js';
import type {
  CreateDepartmentRequest,
  DepartmentView,
  ListDepartmentsQuery,
  UpdateDepartmentRequest,
} from './schema.js';

type DepartmentRow = NonNullable<Awaited<ReturnType<typeof repo.findDepartment>>>;
const READ = Permissions.departmentRead;
const MANAGE = Permissions.departmentManage;

/** 部门 — departments nested inside regions, each read and changed within the caller's data scope. */
export class DepartmentService {
  constructor(private readonly db: Db) {}

  scope(ctx: RequestContext): Promise<ActorScope> {
    return loadActorScope(this.db, requireActor(ctx));
  }

  async list(ctx: RequestContext, query: ListDepartmentsQuery) {
    const actor = await this.scope(ctx);
    let qb = whereInScope(
      repo.departments(this.db),
      { actor, permission: READ },
      repo.departmentScopeColumns,
    );
    if (query.parentId) qb = qb.where('d.parent_id', '=', query.parentId);
    if (query.regionCode) {
      const region = await findRegion(this.db, query.regionCode);
      if (!region) throw new DomainError('REGION_NOT_FOUND', { code: query.regionCode });
      qb = whereRegionWithin(qb, 'r.path', region.path);
    }
    const after = parseCursor(query.cursor);
    if (after) qb = qb.where('d.id', '>', after);
    const rows = await qb
      .orderBy('d.id')
      .limit(query.limit + 1)
      .execute();
    return toPage(rows, query.limit, departmentView, (row) => row.id);
  }

  async get(ctx: RequestContext, id: string) {
    const actor = await this.scope(ctx);
    const row = inScope(actor, READ, await repo.findDepartment(this.db, id), 'DEPARTMENT_NOT_FOUND');
    const { children, staff } = await repo.countsOf(this.db, id);
    return { ...departmentView(row), childCount: children, staffCount: staff };
  }

  /** A child department lies in its parent's region or below it; a root one needs a wide enough scope. */
  async create(ctx: RequestContext, input: CreateDepartmentRequest): Promise<DepartmentView> {
    const actor = await this.scope(ctx);
    const name = parseText(input.name, 'body.name');
    const region = await findRegion(this.db, input.regionCode);
    if (!region) throw new DomainError('REGION_NOT_FOUND', { code: input.regionCode });
    const id = uuidv7();
    return mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        await lockDepartmentTree(trx);
        let path = id;
        if (input.parentId) {
          const parent = await repo.findDepartment(trx, input.parentId);
          inScope(actor, MANAGE, parent, 'DEPARTMENT_NOT_FOUND');
          if (!regionCovers(parent!.region_path, region.path))
            throw new DomainError(
              'DEPARTMENT_REGION_MISMATCH',
              {},
              `${region.code} is not within ${parent!.region_code}`,
            );
          path = `${parent!.path}.${id}`;
        }
        if (!canSee(actor, MANAGE, { departmentPath: path, regionPath: region.path }))
          throw new DomainError('OUTSIDE_DATA_SCOPE');
        await trx
          .insertInto('departments')
          .values({
            id,
            name,
            code: input.code ?? null,
            region_code: region.code,
            parent_id: input.parentId ?? null,
            path,
          })
          .execute();
        await appendAudit(trx, ctx, {
          action: 'identity.createDepartment',
          target: { type: 'department', id },
          details: {
            name,
            regionCode: region.code,
            parentId: input.parentId ?? null,
            code: input.code ?? null,
          },
        });
        return departmentView((await repo.findDepartment(trx, id))!);
      }),
    );
  }

  async update(ctx: RequestContext, id: string, input: UpdateDepartmentRequest): Promise<DepartmentView> {
    const actor = await this.scope(ctx);
    const changes: Partial<Selectable<DepartmentsTable>> = {};
    if (input.name !== undefined) changes.name = parseText(input.name, 'body.name');
    if (input.code !== undefined) changes.code = input.code;
    if (input.sort !== undefined) changes.sort = input.sort;
    if (input.status !== undefined) changes.status = input.status;
    return mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        inScope(actor, MANAGE, await repo.findDepartment(trx, id), 'DEPARTMENT_NOT_FOUND');
        if (Object.keys(changes).length)
          await trx.updateTable('departments').set(changes).where('id', '=', id).execute();
        await appendAudit(trx, ctx, {
          action: 'identity.updateDepartment',
          target: { type: 'department', id },
          details: { changed: changes },
        });
        return departmentView((await repo.findDepartment(trx, id))!);
      }),
    );
  }

  /** Moves a department (and its subtree) under another parent, or to the root; paths rewritten at once. */
  async move(ctx: RequestContext, id: string, parentId: string | null): Promise<DepartmentView> {
    const actor = await this.scope(ctx);
    return withTransaction(this.db, async (trx) => {
      await lockDepartmentTree(trx);
      const department = inScope(actor, MANAGE, await repo.findDepartment(trx, id), 'DEPARTMENT_NOT_FOUND');
      let parent: DepartmentRow | null = null;
      if (parentId) {
        parent = inScope(actor, MANAGE, await repo.findDepartment(trx, parentId), 'DEPARTMENT_NOT_FOUND');
        if (parent.path === department.path || parent.path.startsWith(`${department.path}.`))
          throw new DomainError('DEPARTMENT_CYCLE', {}, `${parentId} is ${id} or lies below it`);
        if (!regionCovers(parent.region_path, department.region_path))
          throw new DomainError(
            'DEPARTMENT_REGION_MISMATCH',
            {},
            `${department.region_code} is not within ${parent.region_code}`,
          );
      }
      const path = parent ? `${parent.path}.${id}` : id;
      if (!canSee(actor, MANAGE, { departmentPath: path, regionPath: department.region_path }))
        throw new DomainError('OUTSIDE_DATA_SCOPE');
      await trx.updateTable('departments').set({ parent_id: parentId }).where('id', '=', id).execute();
      const rewritten = await repo.rewritePaths(trx, department.path, path);
      await appendAudit(trx, ctx, {
        action: 'identity.moveDepartment',
        target: { type: 'department', id },
        details: { from: department.parent_id, to: parentId, rewritten },
      });
      return departmentView((await repo.findDepartment(trx, id))!);
    });
  }

  /** Deletes an empty department (its halls, windows and posts go with it); children or staff → 409. */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    const actor = await this.scope(ctx);
    await withTransaction(this.db, async (trx) => {
      const department = inScope(actor, MANAGE, await repo.findDepartment(trx, id), 'DEPARTMENT_NOT_FOUND');
      // lock first, count second: a child or staff row inserted meanwhile waits for us and then fails
      await trx.selectFrom('departments').select('id').where('id', '=', id).forUpdate().execute();
      const { children, staff } = await repo.countsOf(trx, id);
      const detail = `${children} child department(s), ${staff} staff member(s)`;
      if (children > 0) throw new DomainError('DEPARTMENT_HAS_CHILDREN', { children, staff }, detail);
      if (staff > 0) throw new DomainError('DEPARTMENT_HAS_STAFF', { children, staff }, detail);
      await trx
        .deleteFrom('departments')
        .where('id', '=', id)
        .execute()
        .catch((error: unknown) => {
          // other modules' records (service items, bundles …) reference departments; identity cannot list them all
          const constraint = foreignKeyViolation(error);
          if (constraint === null) throw error;
          throw new DomainError('DEPARTMENT_IN_USE', { constraint }, `still referenced (${constraint})`);
        });
      await appendAudit(trx, ctx, {
        action: 'identity.deleteDepartment',
        target: { type: 'department', id },
        details: { name: department.name, regionCode: department.region_code },
      });
    });
  }
}

export function departmentView(row: DepartmentRow): DepartmentView {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    regionCode: row.region_code,
    regionName: row.region_name,
    parentId: row.parent_id,
    path: row.path,
    status: row.status,
    sort: row.sort,
    createdAt: row.created_at.toISOString(),
  };
}
