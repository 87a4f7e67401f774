import { appendAudit } from '../../../platform/audit/ledger.js';
import type { Db } from '../../../platform/db/database.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { withTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { Permissions } from '../permissions.js';
import { loadActorScope } from './data-scope.js';
import * as repo from './repo.js';
import { inScope, mapConflicts, parseCursor, parseText, requireActor, toPage } from './rules.js';
import type {
  CreateHallRequest,
  CreateWindowRequest,
  HallView,
  PageQuery,
  UpdateHallRequest,
  UpdateWindowRequest,
  WindowView,
} from './schema.js';

const READ = Permissions.departmentRead;
const HALLS = Permissions.hallManage;

type Hall = {
  id: string;
  department_id: string;
  name: string;
  address: string;
  opening_hours: string;
  status: HallView['status'];
};
type Window = { id: string; hall_id: string; number: string; name: string; status: WindowView['status'] };

/**
 * 大厅、窗口 — service halls of a department and their windows: read with `identity:department:read`,
 * changed with `identity:hall:manage`, each within the caller's scope for that permission.
 */
export class HallService {
  constructor(private readonly db: Db) {}

  private scope(ctx: RequestContext) {
    return loadActorScope(this.db, requireActor(ctx));
  }

  private async department(ctx: RequestContext, permission: string, id: string) {
    return inScope(
      await this.scope(ctx),
      permission,
      await repo.findDepartment(this.db, id),
      'DEPARTMENT_NOT_FOUND',
    );
  }

  async listHalls(ctx: RequestContext, departmentId: string, page: PageQuery) {
    await this.department(ctx, READ, departmentId);
    let qb = this.db.selectFrom('halls').selectAll().where('department_id', '=', departmentId);
    const after = parseCursor(page.cursor);
    if (after) qb = qb.where('id', '>', after);
    const rows = await qb
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page.limit, hallView, (row) => row.id);
  }

  async createHall(ctx: RequestContext, departmentId: string, input: CreateHallRequest): Promise<HallView> {
    await this.department(ctx, HALLS, departmentId);
    const hall: Hall = {
      id: uuidv7(),
      department_id: departmentId,
      name: parseText(input.name, 'body.name'),
      address: input.address?.trim() ?? '',
      opening_hours: input.openingHours?.trim() ?? '',
      status: 'active',
    };
    await withTransaction(this.db, async (trx) => {
      await trx.insertInto('halls').values(hall).execute();
      await appendAudit(trx, ctx, {
        action: 'identity.createHall',
        target: { type: 'hall', id: hall.id },
        details: { departmentId, name: hall.name },
      });
    });
    return hallView(hall);
  }

  async updateHall(ctx: RequestContext, id: string, input: UpdateHallRequest): Promise<HallView> {
    const current = inScope(await this.scope(ctx), HALLS, await repo.findHall(this.db, id), 'HALL_NOT_FOUND');
    const next: Hall = {
      ...current,
      name: input.name !== undefined ? parseText(input.name, 'body.name') : current.name,
      address: input.address?.trim() ?? current.address,
      opening_hours: input.openingHours?.trim() ?? current.opening_hours,
      status: input.status ?? current.status,
    };
    await withTransaction(this.db, async (trx) => {
      const { name, address, opening_hours, status } = next;
      await trx
        .updateTable('halls')
        .set({ name, address, opening_hours, status })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, ctx, {
        action: 'identity.updateHall',
        target: { type: 'hall', id },
        details: { changed: input },
      });
    });
    return hallView(next);
  }

  /** Deletes a hall and its windows. */
  async deleteHall(ctx: RequestContext, id: string): Promise<void> {
    const hall = inScope(await this.scope(ctx), HALLS, await repo.findHall(this.db, id), 'HALL_NOT_FOUND');
    await withTransaction(this.db, async (trx) => {
      await trx.deleteFrom('halls').where('id', '=', id).execute();
      await appendAudit(trx, ctx, {
        action: 'identity.deleteHall',
        target: { type: 'hall', id },
        details: { name: hall.name },
      });
    });
  }

  async listWindows(ctx: RequestContext, hallId: string, page: PageQuery) {
    inScope(await this.scope(ctx), READ, await repo.findHall(this.db, hallId), 'HALL_NOT_FOUND');
    let qb = this.db.selectFrom('hall_windows').selectAll().where('hall_id', '=', hallId);
    const after = parseCursor(page.cursor);
    if (after) qb = qb.where('id', '>', after);
    const rows = await qb
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page.limit, windowView, (row) => row.id);
  }

  async createWindow(ctx: RequestContext, hallId: string, input: CreateWindowRequest): Promise<WindowView> {
    inScope(await this.scope(ctx), HALLS, await repo.findHall(this.db, hallId), 'HALL_NOT_FOUND');
    const window: Window = {
      id: uuidv7(),
      hall_id: hallId,
      number: input.number,
      name: parseText(input.name, 'body.name'),
      status: 'active',
    };
    await mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        await trx.insertInto('hall_windows').values(window).execute();
        await appendAudit(trx, ctx, {
          action: 'identity.createWindow',
          target: { type: 'window', id: window.id },
          details: { hallId, number: window.number },
        });
      }),
    );
    return windowView(window);
  }

  async updateWindow(ctx: RequestContext, id: string, input: UpdateWindowRequest): Promise<WindowView> {
    const current = inScope(
      await this.scope(ctx),
      HALLS,
      await repo.findWindow(this.db, id),
      'WINDOW_NOT_FOUND',
    );
    const next: Window = {
      ...current,
      number: input.number ?? current.number,
      name: input.name !== undefined ? parseText(input.name, 'body.name') : current.name,
      status: input.status ?? current.status,
    };
    await mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        const { number, name, status } = next;
        await trx.updateTable('hall_windows').set({ number, name, status }).where('id', '=', id).execute();
        await appendAudit(trx, ctx, {
          action: 'identity.updateWindow',
          target: { type: 'window', id },
          details: { changed: input },
        });
      }),
    );
    return windowView(next);
  }

  async deleteWindow(ctx: RequestContext, id: string): Promise<void> {
    const window = inScope(
      await this.scope(ctx),
      HALLS,
      await repo.findWindow(this.db, id),
      'WINDOW_NOT_FOUND',
    );
    await withTransaction(this.db, async (trx) => {
      await trx.deleteFrom('hall_windows').where('id', '=', id).execute();
      await appendAudit(trx, ctx, {
        action: 'identity.deleteWindow',
        target: { type: 'window', id },
        details: { hallId: window.hall_id, number: window.number },
      });
    });
  }
}

function hallView(row: Hall): HallView {
  return {
    id: row.id,
    departmentId: row.department_id,
    name: row.name,
    address: row.address,
    openingHours: row.opening_hours,
    status: row.status,
  };
}

function windowView(row: Window): WindowView {
  return { id: row.id, hallId: row.hall_id, number: row.number, name: row.name, status: row.status };
}
