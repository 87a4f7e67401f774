export { uniqueViolation } from '../../../platform/db/constraint-errors.js';

import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Trx } from '../../../platform/db/transaction.js';
import type { Assurance, Relation } from './migrations.js';

type Conn = Db | Trx;

/** The constraint a unique violation (SQLSTATE 23505) broke, or null for any other error. */
export function findCitizen(db: Conn, userId: string) {
  return db.selectFrom('citizens').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function findCitizenByPhone(db: Conn, phoneBidx: string) {
  return db.selectFrom('citizens').selectAll().where('phone_bidx', '=', phoneBidx).executeTakeFirst();
}

/** Which of an ID number, a phone and a username are already registered (by blind index for the first two). */
export async function takenCitizenKeys(
  db: Conn,
  keys: { idBidx: string; phoneBidx: string; username: string },
) {
  const [id, phone, username] = await Promise.all([
    db.selectFrom('citizens').select('user_id').where('id_number_bidx', '=', keys.idBidx).executeTakeFirst(),
    db.selectFrom('citizens').select('user_id').where('phone_bidx', '=', keys.phoneBidx).executeTakeFirst(),
    db.selectFrom('users').select('id').where('username', '=', keys.username).executeTakeFirst(),
  ]);
  return { idNumber: !!id, phone: !!phone, username: !!username };
}

export async function insertCitizen(
  trx: Trx,
  user: { id: string; username: string; displayName: string; passwordHash: string },
  citizen: {
    nameEnc: string;
    idNumberEnc: string;
    idNumberBidx: string;
    phoneEnc: string;
    phoneBidx: string;
    assurance: Assurance;
  },
) {
  await trx
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      kind: 'citizen',
    })
    .execute();
  await trx
    .insertInto('citizens')
    .values({
      user_id: user.id,
      name_enc: citizen.nameEnc,
      id_number_enc: citizen.idNumberEnc,
      id_number_bidx: citizen.idNumberBidx,
      phone_enc: citizen.phoneEnc,
      phone_bidx: citizen.phoneBidx,
      assurance: citizen.assurance,
      verified_at: citizen.assurance === 'registered' ? null : sql<Date>`now()`,
    })
    .execute();
}

export function findEnterprise(db: Conn, id: string) {
  return db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEnterpriseByUscc(db: Conn, uscc: string) {
  return db.selectFrom('enterprises').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

export async function insertEnterprise(
  trx: Trx,
  row: { id: string; name: string; uscc: string; legalRepIdBidx: string; legalRepNameEnc: string },
) {
  await trx
    .insertInto('enterprises')
    .values({
      id: row.id,
      name: row.name,
      uscc: row.uscc,
      legal_rep_id_bidx: row.legalRepIdBidx,
      legal_rep_name_enc: row.legalRepNameEnc,
    })
    .execute();
}

/** The caller's live (not revoked) role in an enterprise, if any. */
export async function activeRole(db: Conn, enterpriseId: string, userId: string) {
  const row = await db
    .selectFrom('enterprise_agents')
    .select('role')
    .where('enterprise_id', '=', enterpriseId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.role ?? null;
}

/**
 * Authorises `userId` for the enterprise, or re-authorises a revoked one, atomically. Returns the
 * authorisation time, or null when they already hold a live role (nothing changes then).
 */
export async function authorise(
  trx: Trx,
  grant: {
    enterpriseId: string;
    userId: string;
    role: 'legalRepresentative' | 'agent';
    authorisedBy: string;
  },
) {
  const row = await trx
    .insertInto('enterprise_agents')
    .values({
      enterprise_id: grant.enterpriseId,
      user_id: grant.userId,
      role: grant.role,
      authorised_by: grant.authorisedBy,
      revoked_at: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['enterprise_id', 'user_id'])
        .doUpdateSet({
          role: grant.role,
          authorised_by: grant.authorisedBy,
          authorised_at: sql<Date>`now()`,
          revoked_at: null,
        })
        .where('enterprise_agents.revoked_at', 'is not', null),
    )
    .returning('authorised_at')
    .executeTakeFirst();
  return row?.authorised_at ?? null;
}

export async function revokeAgent(trx: Trx, enterpriseId: string, userId: string): Promise<boolean> {
  const result = await trx
    .updateTable('enterprise_agents')
    .set({ revoked_at: sql<Date>`now()` })
    .where('enterprise_id', '=', enterpriseId)
    .where('user_id', '=', userId)
    .where('role', '=', 'agent')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The enterprises a user acts for now, by enterprise id, one page. */
export function listRoles(db: Conn, userId: string, limit: number, after: string | undefined) {
  let query = db
    .selectFrom('enterprise_agents')
    .innerJoin('enterprises', 'enterprises.id', 'enterprise_agents.enterprise_id')
    .select(['enterprises.id', 'enterprises.name', 'enterprises.uscc', 'enterprise_agents.role'])
    .select('enterprise_agents.authorised_at')
    .where('enterprise_agents.user_id', '=', userId)
    .where('enterprise_agents.revoked_at', 'is', null)
    .orderBy('enterprises.id')
    .limit(limit + 1);
  if (after) query = query.where('enterprises.id', '>', after);
  return query.execute();
}

export async function insertDependant(
  trx: Trx,
  row: {
    id: string;
    guardianUserId: string;
    nameEnc: string;
    idNumberEnc: string;
    idNumberBidx: string;
    relation: Relation;
  },
) {
  return trx
    .insertInto('dependants')
    .values({
      id: row.id,
      guardian_user_id: row.guardianUserId,
      name_enc: row.nameEnc,
      id_number_enc: row.idNumberEnc,
      id_number_bidx: row.idNumberBidx,
      relation: row.relation,
    })
    .returning('created_at')
    .executeTakeFirstOrThrow();
}

export function findDependant(db: Conn, guardianUserId: string, idNumberBidx: string) {
  return db
    .selectFrom('dependants')
    .select('id')
    .where('guardian_user_id', '=', guardianUserId)
    .where('id_number_bidx', '=', idNumberBidx)
    .executeTakeFirst();
}

export function listDependants(db: Conn, guardianUserId: string, limit: number, after: string | undefined) {
  let query = db
    .selectFrom('dependants')
    .selectAll()
    .where('guardian_user_id', '=', guardianUserId)
    .orderBy('id')
    .limit(limit + 1);
  if (after) query = query.where('id', '>', after);
  return query.execute();
}
