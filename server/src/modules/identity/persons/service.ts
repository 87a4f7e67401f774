import { appendAudit } from '../../../platform/audit/ledger.js';
import { maskIdNumber, maskName, maskPhone } from '../../../platform/crypto/mask.js';
import type { Db } from '../../../platform/db/database.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { type Trx, withTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import type { Platform } from '../../../platform/kernel.js';
import { enforcePasswordStrength } from '../credentials.js';
import { hashPassword } from '../passwords.js';
import { EnterpriseService } from './enterprise-service.js';
import type { Assurance, Relation } from './migrations.js';
import * as repo from './repo.js';
import {
  mapConflicts,
  type PersonDeps,
  parseIdNumber,
  parsePhone,
  parseText,
  requireCitizen,
  Sealed,
} from './rules.js';
import type { AddDependantRequest, CitizenView, DependantView, RegisterCitizenRequest } from './schema.js';
import { createIdentityVerifier } from './verification.js';

export interface PersonServices {
  citizens: CitizenService;
  enterprises: EnterpriseService;
}

export function createPersonServices(
  platform: Pick<Platform, 'db' | 'keyring' | 'log' | 'config'>,
): PersonServices {
  const { db, keyring, log, config } = platform;
  const deps: PersonDeps = { db, keyring, log, verifier: createIdentityVerifier(config, log) };
  return { citizens: new CitizenService(deps), enterprises: new EnterpriseService(deps) };
}

/** 自然人 — citizen accounts (the phone is the username) and the dependants a citizen acts for. */
export class CitizenService {
  constructor(private readonly deps: PersonDeps) {}

  /** Self-registration: checks everything first, verifies the identity, then writes user, citizen and audit. */
  async registerCitizen(ctx: RequestContext, input: RegisterCitizenRequest): Promise<CitizenView> {
    const { db, keyring, verifier } = this.deps;
    const name = parseText(input.name, 'body.name');
    const idNumber = parseIdNumber(input.idNumber, 'body.idNumber');
    const phone = parsePhone(input.phone);
    await enforcePasswordStrength(db, input.password);
    const idBidx = keyring.blindIndex(idNumber, 'idNumber');
    const phoneBidx = keyring.blindIndex(phone, 'phone');
    const taken = await repo.takenCitizenKeys(db, { idBidx, phoneBidx, username: phone });
    if (taken.idNumber) throw new DomainError('ID_NUMBER_TAKEN');
    if (taken.phone) throw new DomainError('PHONE_TAKEN');
    if (taken.username) throw new DomainError('USERNAME_TAKEN');
    const { verified } = await verifier.verify({ name, idNumber });
    const assurance: Assurance = verified ? 'realName' : 'registered';
    const passwordHash = await hashPassword(input.password);
    const id = uuidv7();
    await mapConflicts(() =>
      withTransaction(db, async (trx) => {
        await this.insert(trx, { id, name, idNumber, phone, idBidx, phoneBidx, passwordHash, assurance });
        await appendAudit(trx, ctx, {
          action: 'identity.registerCitizen',
          target: { type: 'user', id },
          details: { assurance, verifier: verifier.name },
        });
      }),
    );
    return {
      id,
      username: phone,
      name: maskName(name),
      idNumber: maskIdNumber(idNumber),
      phone: maskPhone(phone),
      assurance,
    };
  }

  /** Demo data: a citizen at a given assurance, unless the phone is registered. Returns the user id. */
  async createCitizenIfMissing(
    trx: Trx,
    ctx: RequestContext,
    input: { name: string; idNumber: string; phone: string; password: string; assurance: Assurance },
  ): Promise<string> {
    const { keyring } = this.deps;
    const idNumber = parseIdNumber(input.idNumber, 'idNumber');
    const phone = parsePhone(input.phone);
    const phoneBidx = keyring.blindIndex(phone, 'phone');
    const existing = await repo.findCitizenByPhone(trx, phoneBidx);
    if (existing) return existing.user_id;
    const id = uuidv7();
    const idBidx = keyring.blindIndex(idNumber, 'idNumber');
    const passwordHash = await hashPassword(input.password);
    await this.insert(trx, { ...input, id, idNumber, phone, idBidx, phoneBidx, passwordHash });
    await appendAudit(trx, ctx, {
      action: 'identity.registerCitizen',
      target: { type: 'user', id },
      details: { assurance: input.assurance, verifier: 'demo' },
    });
    return id;
  }

  async addDependant(ctx: RequestContext, input: AddDependantRequest): Promise<DependantView> {
    const { db, keyring } = this.deps;
    const guardian = await requireCitizen(db, ctx);
    const name = parseText(input.name, 'body.name');
    const idNumber = parseIdNumber(input.idNumber, 'body.idNumber');
    const idBidx = keyring.blindIndex(idNumber, 'idNumber');
    if (idBidx === guardian.id_number_bidx) throw new DomainError('DEPENDANT_IS_SELF');
    if (await repo.findDependant(db, guardian.user_id, idBidx)) throw new DomainError('DEPENDANT_EXISTS');
    const id = uuidv7();
    const row = await mapConflicts(() =>
      withTransaction(db, async (trx) => {
        const inserted = await repo.insertDependant(trx, {
          id,
          guardianUserId: guardian.user_id,
          nameEnc: keyring.encrypt(name, Sealed.dependantName),
          idNumberEnc: keyring.encrypt(idNumber, Sealed.dependantIdNumber),
          idNumberBidx: idBidx,
          relation: input.relation,
        });
        await appendAudit(trx, ctx, {
          action: 'identity.addDependant',
          target: { type: 'dependant', id },
          details: { relation: input.relation },
        });
        return inserted;
      }),
    );
    return dependantView(id, name, idNumber, input.relation, row.created_at);
  }

  async listMyDependants(ctx: RequestContext, page: { limit: number; cursor?: string }) {
    const { db, keyring } = this.deps;
    const rows = await repo.listDependants(db, ctx.actor!.userId, page.limit, page.cursor);
    const items = await Promise.all(
      rows
        .slice(0, page.limit)
        .map(async (row) =>
          dependantView(
            row.id,
            await keyring.decrypt(row.name_enc, Sealed.dependantName),
            await keyring.decrypt(row.id_number_enc, Sealed.dependantIdNumber),
            row.relation,
            row.created_at,
          ),
        ),
    );
    return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
  }

  /** The account of the citizen with this ID number, if they have one (a walk-in applicant's cases show up there). */
  async userIdByIdNumber(idNumber: string): Promise<string | null> {
    const { db, keyring } = this.deps;
    const row = await db
      .selectFrom('citizens')
      .select('user_id')
      .where('id_number_bidx', '=', keyring.blindIndex(idNumber, 'idNumber'))
      .executeTakeFirst();
    return row?.user_id ?? null;
  }

  /**
   * A citizen's identity in clear, for modules that record who applied (the case engine seals it again in
   * its own columns); null when the user is not a citizen.
   */
  async identityOf(
    userId: string,
    conn: Db | Trx = this.deps.db,
  ): Promise<{ name: string; idNumber: string; phone: string; assurance: Assurance } | null> {
    const { keyring } = this.deps;
    const row = await repo.findCitizen(conn, userId);
    if (!row) return null;
    return {
      name: await keyring.decrypt(row.name_enc, Sealed.citizenName),
      idNumber: await keyring.decrypt(row.id_number_enc, Sealed.citizenIdNumber),
      phone: await keyring.decrypt(row.phone_enc, Sealed.citizenPhone),
      assurance: row.assurance,
    };
  }

  private async insert(
    trx: Trx,
    c: { id: string; name: string; idNumber: string; phone: string; idBidx: string; phoneBidx: string } & {
      passwordHash: string;
      assurance: Assurance;
    },
  ) {
    const { keyring } = this.deps;
    await repo.insertCitizen(
      trx,
      { id: c.id, username: c.phone, displayName: c.name, passwordHash: c.passwordHash },
      {
        nameEnc: keyring.encrypt(c.name, Sealed.citizenName),
        idNumberEnc: keyring.encrypt(c.idNumber, Sealed.citizenIdNumber),
        idNumberBidx: c.idBidx,
        phoneEnc: keyring.encrypt(c.phone, Sealed.citizenPhone),
        phoneBidx: c.phoneBidx,
        assurance: c.assurance,
      },
    );
  }
}

function dependantView(id: string, name: string, idNumber: string, relation: Relation, createdAt: Date) {
  return {
    id,
    name: maskName(name),
    idNumber: maskIdNumber(idNumber),
    relation,
    createdAt: createdAt.toISOString(),
  };
}
