import type { Selectable } from 'kysely';
import { appendAudit } from '../../../platform/audit/ledger.js';
import { maskName, maskPhone } from '../../../platform/crypto/mask.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { type Trx, withTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import type { CitizensTable } from './migrations.js';
import * as repo from './repo.js';
import {
  atLeast,
  mapConflicts,
  type PersonDeps,
  parseIdNumber,
  parsePhone,
  parseText,
  parseUscc,
  requireCitizen,
  Sealed,
} from './rules.js';
import type { EnterpriseView, RegisterEnterpriseRequest } from './schema.js';

/** 法人 — enterprises keyed by their unified social credit code, their legal representative and agents (经办人). */
export class EnterpriseService {
  constructor(private readonly deps: PersonDeps) {}

  /** A real-name citizen registers an enterprise they are the legal representative of. */
  async registerEnterprise(ctx: RequestContext, input: RegisterEnterpriseRequest): Promise<EnterpriseView> {
    const { db, keyring } = this.deps;
    const citizen = await requireCitizen(db, ctx, 'realName');
    const name = parseText(input.name, 'body.name');
    const uscc = parseUscc(input.uscc);
    const representative = parseIdNumber(
      input.legalRepresentativeIdNumber,
      'body.legalRepresentativeIdNumber',
    );
    if (keyring.blindIndex(representative, 'idNumber') !== citizen.id_number_bidx) {
      throw new DomainError('NOT_LEGAL_REPRESENTATIVE', {}, 'the ID number is not the one of your account');
    }
    if (await repo.findEnterpriseByUscc(db, uscc)) throw new DomainError('USCC_TAKEN');
    const representativeName = await keyring.decrypt(citizen.name_enc, Sealed.citizenName);
    const id = await mapConflicts(() =>
      withTransaction(db, (trx) => this.insert(trx, ctx, { name, uscc, citizen, representativeName })),
    );
    return { id, name, uscc, legalRepresentative: { name: maskName(representativeName) } };
  }

  /** Demo data: the enterprise, unless its USCC is registered. Returns its id. */
  async createEnterpriseIfMissing(
    trx: Trx,
    ctx: RequestContext,
    input: { name: string; uscc: string; legalRepresentativeUserId: string },
  ): Promise<string> {
    const uscc = parseUscc(input.uscc, 'uscc');
    const existing = await repo.findEnterpriseByUscc(trx, uscc);
    if (existing) return existing.id;
    const citizen = await repo.findCitizen(trx, input.legalRepresentativeUserId);
    if (!citizen) throw new Error(`user ${input.legalRepresentativeUserId} is not a citizen`);
    const representativeName = await this.deps.keyring.decrypt(citizen.name_enc, Sealed.citizenName);
    return this.insert(trx, ctx, { name: input.name, uscc, citizen, representativeName });
  }

  /** The legal representative authorises an existing real-name citizen, found by phone, as an agent. */
  async authoriseAgent(ctx: RequestContext, enterpriseId: string, input: { phone: string }) {
    const { db, keyring } = this.deps;
    await this.requireRepresentative(ctx, enterpriseId);
    const phone = parsePhone(input.phone);
    const agent = await repo.findCitizenByPhone(db, keyring.blindIndex(phone, 'phone'));
    if (!agent) throw new DomainError('CITIZEN_NOT_FOUND');
    if (!atLeast(agent.assurance, 'realName')) throw new DomainError('AGENT_NOT_VERIFIED');
    const authorisedAt = await withTransaction(db, (trx) =>
      this.grantAgent(trx, ctx, { enterpriseId, userId: agent.user_id, authorisedBy: ctx.actor!.userId }),
    );
    return {
      enterpriseId,
      userId: agent.user_id,
      role: 'agent' as const,
      name: maskName(await keyring.decrypt(agent.name_enc, Sealed.citizenName)),
      phone: maskPhone(phone),
      authorisedAt: authorisedAt.toISOString(),
    };
  }

  /** Demo data: makes the citizen an agent unless they already act for the enterprise. */
  async authoriseAgentIfMissing(
    trx: Trx,
    ctx: RequestContext,
    grant: { enterpriseId: string; userId: string; authorisedBy: string },
  ): Promise<void> {
    if (await repo.activeRole(trx, grant.enterpriseId, grant.userId)) return;
    await this.grantAgent(trx, ctx, grant);
  }

  /** Grants the agent role (again, if it was revoked) and audits it. */
  private async grantAgent(
    trx: Trx,
    ctx: RequestContext,
    grant: { enterpriseId: string; userId: string; authorisedBy: string },
  ): Promise<Date> {
    const at = await repo.authorise(trx, { ...grant, role: 'agent' });
    if (!at) throw new DomainError('AGENT_ALREADY_AUTHORISED');
    await appendAudit(trx, ctx, {
      action: 'identity.authoriseAgent',
      target: { type: 'enterprise', id: grant.enterpriseId },
      details: { agentUserId: grant.userId, authorisedBy: grant.authorisedBy },
    });
    return at;
  }

  async revokeAgent(ctx: RequestContext, enterpriseId: string, userId: string): Promise<void> {
    const { db } = this.deps;
    await this.requireRepresentative(ctx, enterpriseId);
    if ((await repo.activeRole(db, enterpriseId, userId)) === 'legalRepresentative') {
      throw new DomainError('LEGAL_REPRESENTATIVE_NOT_REVOCABLE');
    }
    await withTransaction(db, async (trx) => {
      if (!(await repo.revokeAgent(trx, enterpriseId, userId))) {
        throw new DomainError('NOT_FOUND', {}, 'this person does not act for the enterprise');
      }
      await appendAudit(trx, ctx, {
        action: 'identity.revokeAgent',
        target: { type: 'enterprise', id: enterpriseId },
        details: { agentUserId: userId },
      });
    });
  }

  /** The enterprises the caller acts for now, as legal representative or agent. */
  async listMyEnterprises(ctx: RequestContext, page: { limit: number; cursor?: string }) {
    const rows = await repo.listRoles(this.deps.db, ctx.actor!.userId, page.limit, page.cursor);
    const items = rows.slice(0, page.limit).map((row) => ({
      id: row.id,
      name: row.name,
      uscc: row.uscc,
      role: row.role,
      authorisedAt: row.authorised_at.toISOString(),
    }));
    return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
  }

  private async requireRepresentative(ctx: RequestContext, enterpriseId: string): Promise<void> {
    const { db } = this.deps;
    if (!(await repo.findEnterprise(db, enterpriseId))) throw new DomainError('NOT_FOUND');
    const role = await repo.activeRole(db, enterpriseId, ctx.actor!.userId);
    if (role !== 'legalRepresentative') throw new DomainError('NOT_LEGAL_REPRESENTATIVE');
  }

  private async insert(
    trx: Trx,
    ctx: RequestContext,
    e: { name: string; uscc: string; citizen: Selectable<CitizensTable>; representativeName: string },
  ): Promise<string> {
    const id = uuidv7();
    await repo.insertEnterprise(trx, {
      id,
      name: e.name,
      uscc: e.uscc,
      legalRepIdBidx: e.citizen.id_number_bidx,
      legalRepNameEnc: this.deps.keyring.encrypt(e.representativeName, Sealed.legalRepName),
    });
    await repo.authorise(trx, {
      enterpriseId: id,
      userId: e.citizen.user_id,
      role: 'legalRepresentative',
      authorisedBy: e.citizen.user_id,
    });
    await appendAudit(trx, ctx, {
      action: 'identity.registerEnterprise',
      target: { type: 'enterprise', id },
      details: { uscc: e.uscc },
    });
    return id;
  }
}
