import { appendAudit } from '../../../platform/audit/ledger.js';
import type { Db } from '../../../platform/db/database.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { withTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { Permissions } from '../permissions.js';
import { loadActorScope } from './data-scope.js';
import * as repo from './repo.js';
import { inScope, mapConflicts, parseCursor, parseText, requireActor, toPage } from './rules.js';
import type { PageQuery } from './schema.js';

const READ = Permissions.departmentRead;
const POSTS = Permissions.departmentManage;

/** 岗位 — posts of a department: read with `identity:department:read`, created with `…:manage`. */
export class PostService {
  constructor(private readonly db: Db) {}

  private async department(ctx: RequestContext, permission: string, id: string) {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    return inScope(actor, permission, await repo.findDepartment(this.db, id), 'DEPARTMENT_NOT_FOUND');
  }

  async listPosts(ctx: RequestContext, departmentId: string, page: PageQuery) {
    await this.department(ctx, READ, departmentId);
    let qb = this.db.selectFrom('posts').selectAll().where('department_id', '=', departmentId);
    const after = parseCursor(page.cursor);
    if (after) qb = qb.where('id', '>', after);
    const rows = await qb
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page.limit, postView, (row) => row.id);
  }

  async createPost(ctx: RequestContext, departmentId: string, input: { name: string }) {
    await this.department(ctx, POSTS, departmentId);
    const post = { id: uuidv7(), department_id: departmentId, name: parseText(input.name, 'body.name') };
    await mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        await trx.insertInto('posts').values(post).execute();
        await appendAudit(trx, ctx, {
          action: 'identity.createPost',
          target: { type: 'post', id: post.id },
          details: { departmentId, name: post.name },
        });
      }),
    );
    return postView(post);
  }
}

function postView(row: { id: string; department_id: string; name: string }) {
  return { id: row.id, departmentId: row.department_id, name: row.name };
}
