import type { Selectable, Updateable } from 'kysely';
import { appendAudit } from '../../platform/audit/ledger.js';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { toJson } from '../../platform/db/tables.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { BASIC_CODE, basicCode, basicCodeFits } from './codes.js';
import type { CatalogBasicItemsTable } from './migrations.js';
import type {
  BasicItemView,
  CreateBasicItemRequest,
  ListBasicItemsQuery,
  UpdateBasicItemRequest,
} from './schema.js';
import { iso, lockCodes, mapConflicts, parseCursor, toPage } from './support.js';
import { type ItemType, itemTypeOf } from './vocabulary.js';

type Row = Selectable<CatalogBasicItemsTable>;

/** 基本目录 — the standard items every implementation list refers to. National data: not region-scoped. */
export class BasicItemService {
  constructor(private readonly db: Db) {}

  async list(query: ListBasicItemsQuery) {
    let qb = this.db.selectFrom('catalog_basic_items').selectAll();
    if (query.itemType) qb = qb.where('item_type', '=', query.itemType);
    if (query.status) qb = qb.where('status', '=', query.status);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb = qb.where((eb) => eb.or([eb('name', 'like', like), eb('code', 'like', like)]));
    }
    const after = parseCursor(query.cursor);
    if (after) qb = qb.where('id', '>', after);
    const rows = await qb
      .orderBy('id')
      .limit(query.limit + 1)
      .execute();
    return toPage(rows, query.limit, basicItemView, (row) => row.id);
  }

  async get(id: string): Promise<BasicItemView> {
    return basicItemView(await this.find(this.db, id));
  }

  async find(db: Db | Trx, id: string): Promise<Row> {
    const row = await db
      .selectFrom('catalog_basic_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new DomainError('CATALOG_BASIC_ITEM_NOT_FOUND');
    return row;
  }

  async create(ctx: RequestContext, input: CreateBasicItemRequest): Promise<BasicItemView> {
    return mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        const row = await this.insert(trx, input);
        await appendAudit(trx, ctx, {
          action: 'catalog.createBasicItem',
          target: { type: 'catalogBasicItem', id: row.id },
          details: { code: row.code, name: row.name, itemType: row.item_type },
        });
        return basicItemView(row);
      }),
    );
  }

  /** Inserts without auditing (the caller audits): the create route and the demo loader. */
  async insert(trx: Trx, input: CreateBasicItemRequest): Promise<Row> {
    const type = input.itemType as ItemType;
    if (!itemTypeOf(type)) throw new DomainError('CATALOG_ITEM_TYPE_UNKNOWN');
    if (input.code && !basicCodeFits(input.code, type))
      throw new DomainError('CATALOG_BASIC_CODE_INVALID', {}, `${input.code} does not fit ${type}`, [
        { field: 'body.code', message: `must be ${itemTypeOf(type)!.digits} followed by 7 digits` },
      ]);
    await lockCodes(trx);
    const code = input.code ?? (await nextBasicCode(trx, type));
    const id = uuidv7();
    await trx
      .insertInto('catalog_basic_items')
      .values({
        id,
        code,
        name: input.name.trim(),
        aliases: toJson(input.aliases ?? []),
        item_type: type,
        object_type: input.objectType,
        legal_basis: input.legalBasis ?? '',
        department_type: input.departmentType ?? '',
        levels: toJson(input.levels ?? []),
      })
      .execute();
    return this.find(trx, id);
  }

  async update(ctx: RequestContext, id: string, input: UpdateBasicItemRequest): Promise<BasicItemView> {
    return withTransaction(this.db, async (trx) => {
      await this.find(trx, id);
      const changes: Updateable<CatalogBasicItemsTable> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.aliases !== undefined) changes.aliases = toJson(input.aliases);
      if (input.legalBasis !== undefined) changes.legal_basis = input.legalBasis;
      if (input.departmentType !== undefined) changes.department_type = input.departmentType;
      if (input.levels !== undefined) changes.levels = toJson(input.levels);
      if (input.status !== undefined) changes.status = input.status;
      await trx
        .updateTable('catalog_basic_items')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, ctx, {
        action: 'catalog.updateBasicItem',
        target: { type: 'catalogBasicItem', id },
        details: { changed: Object.keys(input) },
        change: input,
      });
      return basicItemView(await this.find(trx, id));
    });
  }
}

/** The next free serial of a type: one more than the highest code of that type. */
async function nextBasicCode(trx: Trx, type: ItemType): Promise<string> {
  const digits = itemTypeOf(type)!.digits;
  const row = await trx
    .selectFrom('catalog_basic_items')
    .select((eb) => eb.fn.max('code').as('code'))
    .where('code', 'like', `${digits}_______`)
    .executeTakeFirst();
  const match = row?.code ? BASIC_CODE.exec(row.code) : null;
  return basicCode(type, (match ? Number(match[2]) : 0) + 1);
}

export function basicItemView(row: Row): BasicItemView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    aliases: row.aliases,
    itemType: row.item_type,
    itemTypeName: itemTypeOf(row.item_type)?.name ?? row.item_type,
    objectType: row.object_type,
    legalBasis: row.legal_basis,
    departmentType: row.department_type,
    levels: row.levels,
    status: row.status,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
