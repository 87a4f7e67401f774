import { appendAudit } from '../../platform/audit/ledger.js';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { toJson } from '../../platform/db/tables.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { standardWorkflow, validateWorkflow, type Workflow } from '../../shared/cases/workflow.js';
import { type FormSchema, formFields } from '../../shared/catalog/forms.js';
import { canSee, loadActorScope } from '../identity/organisations/data-scope.js';
import { Permissions } from '../identity/permissions.js';
import './errors.js';

type Conn = Db | Trx;

export interface WorkflowVersion {
  id: string;
  itemId: string;
  version: number;
  definition: Workflow;
  comment: string;
  createdAt: string;
}

function view(row: {
  id: string;
  item_id: string;
  version: number;
  definition: Workflow;
  comment: string;
  created_at: Date;
}): WorkflowVersion {
  return {
    id: row.id,
    itemId: row.item_id,
    version: row.version,
    definition: row.definition,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * 审批流程配置 — versions of each item's workflow. An item without one runs the standard workflow, stored as
 * its version 1 the first time a case needs it; every save is a new version, so running cases (which keep
 * the id of theirs) never see the change.
 */
export class WorkflowService {
  constructor(readonly db: Db) {}

  /** The item's current workflow version, creating version 1 (standard) if it has none. */
  async current(trx: Trx, itemId: string): Promise<WorkflowVersion> {
    const latest = await latestVersion(trx, itemId);
    if (latest) return view(latest);
    await trx
      .insertInto('case_workflows')
      .values({
        id: uuidv7(),
        item_id: itemId,
        version: 1,
        definition: toJson(standardWorkflow()),
        comment: '标准流程',
      })
      .onConflict((oc) => oc.columns(['item_id', 'version']).doNothing())
      .execute();
    return view((await latestVersion(trx, itemId))!);
  }

  async byId(conn: Conn, id: string): Promise<WorkflowVersion> {
    const row = await conn
      .selectFrom('case_workflows')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return view(row);
  }

  /** Every version of an item's workflow, newest first (the standard one if none was saved yet). */
  async list(ctx: RequestContext, itemId: string): Promise<WorkflowVersion[]> {
    await this.requireItemInScope(ctx, itemId);
    const rows = await this.db
      .selectFrom('case_workflows')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('version', 'desc')
      .execute();
    if (rows.length) return rows.map(view);
    return [
      {
        id: '00000000-0000-0000-0000-000000000000',
        itemId,
        version: 0,
        definition: standardWorkflow(),
        comment: '标准流程（尚未保存）',
        createdAt: new Date(0).toISOString(),
      },
    ];
  }

  /** Saves a new version after checking it (and its field permissions against the item's live form). */
  async save(
    ctx: RequestContext,
    itemId: string,
    definition: Workflow,
    comment: string,
  ): Promise<WorkflowVersion> {
    const form = await this.requireItemInScope(ctx, itemId);
    const problems = validateWorkflow(definition, form ? formFields(form).map((f) => f.key) : undefined);
    if (problems.length)
      throw new DomainError(
        'CASE_WORKFLOW_INVALID',
        { count: problems.length },
        problems.map((p) => `${p.path}: ${p.message}`).join('; '),
        problems.map((p) => ({ field: `body.definition.${p.path}`, message: p.message })),
      );
    return withTransaction(this.db, async (trx) => {
      await trx.selectFrom('catalog_items').select('id').where('id', '=', itemId).forUpdate().execute();
      const latest = await latestVersion(trx, itemId);
      const id = uuidv7();
      const version = (latest?.version ?? 0) + 1;
      await trx
        .insertInto('case_workflows')
        .values({
          id,
          item_id: itemId,
          version,
          definition: toJson(definition),
          comment,
          created_by: ctx.actor!.userId,
        })
        .execute();
      await appendAudit(trx, ctx, {
        action: 'cases.saveWorkflow',
        target: { type: 'catalog_item', id: itemId },
        details: { version, steps: definition.steps.map((s) => s.key) },
      });
      return view((await latestVersion(trx, itemId))!);
    });
  }

  /** 404 unless the item exists and its department is in the caller's scope; returns its live form. */
  private async requireItemInScope(ctx: RequestContext, itemId: string): Promise<FormSchema | null> {
    const item = await this.db
      .selectFrom('catalog_items as i')
      .innerJoin('departments as d', 'd.id', 'i.department_id')
      .innerJoin('regions as r', 'r.code', 'i.region_code')
      .leftJoin('catalog_item_versions as v', (join) =>
        join.onRef('v.item_id', '=', 'i.id').on('v.status', 'in', ['published', 'suspended']),
      )
      .select(['d.path', 'r.path as region_path', 'v.guide'])
      .where('i.id', '=', itemId)
      .executeTakeFirst();
    const scope = await loadActorScope(this.db, ctx.actor!);
    if (
      !item ||
      !canSee(scope, Permissions.caseWorkflowManage, {
        departmentPath: item.path,
        regionPath: item.region_path,
      })
    )
      throw new DomainError('CATALOG_ITEM_NOT_FOUND');
    return (item.guide?.form as FormSchema | null | undefined) ?? null;
  }
}

function latestVersion(conn: Conn, itemId: string) {
  return conn
    .selectFrom('case_workflows')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
