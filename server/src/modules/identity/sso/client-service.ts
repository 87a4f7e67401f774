import type { Selectable } from 'kysely';
import { appendAudit } from '../../../platform/audit/ledger.js';
import type { Db } from '../../../platform/db/database.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { withTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { DomainError, type FieldError } from '../../../platform/http/errors.js';
import type { Keyring } from '../../../platform/keys/keyring.js';
import { parseCursor, parseText, requireActor, toPage } from '../organisations/rules.js';
import { uniqueViolation } from '../persons/repo.js';
import { SEALED_SECRET } from './client-metadata.js';
import { generateClientSecret, redirectUriErrors } from './client-rules.js';
import './errors.js';
import type { SsoClientsTable } from './migrations.js';
import * as repo from './repo.js';
import type {
  CreateSsoClientRequest,
  ListSsoClientsQuery,
  SsoClientView,
  SsoClientWithSecret,
  UpdateSsoClientRequest,
} from './schema.js';

/**
 * 单点登录应用登记 — the registry of applications that sign users in with Tongban. The secret is generated
 * here, shown once (create, rotate) and stored sealed. Every change is audited; a refused request writes
 * nothing. Changes take effect at once: the provider reads the registry on every request.
 */
export class SsoClientService {
  constructor(
    private readonly db: Db,
    private readonly keyring: Keyring,
  ) {}

  async list(query: ListSsoClientsQuery) {
    const rows = await repo.clients(this.db, parseCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, clientView, (r) => r.id);
  }

  async create(ctx: RequestContext, input: CreateSsoClientRequest): Promise<SsoClientWithSecret> {
    requireActor(ctx);
    const name = parseText(input.name, 'body.name');
    const postLogoutRedirectUris = input.postLogoutRedirectUris ?? [];
    checkUris(input.redirectUris, postLogoutRedirectUris);
    checkScopes(input.scopes);
    const id = uuidv7();
    const secret = generateClientSecret();
    await withClientIdUnique(() =>
      withTransaction(this.db, async (trx) => {
        await repo.insertClient(trx, {
          id,
          clientId: input.clientId,
          name,
          secretEnc: this.keyring.encrypt(secret, SEALED_SECRET),
          redirectUris: input.redirectUris,
          postLogoutRedirectUris,
          scopes: input.scopes,
          enabled: input.enabled ?? true,
        });
        await appendAudit(trx, ctx, {
          action: 'identity.createSsoClient',
          target: { type: 'ssoClient', id },
          details: {
            clientId: input.clientId,
            name,
            redirectUris: input.redirectUris,
            postLogoutRedirectUris,
            scopes: input.scopes,
            enabled: input.enabled ?? true,
          },
        });
      }),
    );
    return { client: await this.view(id), clientSecret: secret };
  }

  async update(ctx: RequestContext, id: string, input: UpdateSsoClientRequest): Promise<SsoClientView> {
    requireActor(ctx);
    const name = input.name === undefined ? undefined : parseText(input.name, 'body.name');
    checkUris(input.redirectUris ?? [], input.postLogoutRedirectUris ?? []);
    if (input.scopes) checkScopes(input.scopes);
    await withTransaction(this.db, async (trx) => {
      const before = await repo.findClient(trx, id);
      if (!before) throw new DomainError('SSO_CLIENT_NOT_FOUND');
      const changes = { ...input, ...(name !== undefined ? { name } : {}) };
      await repo.updateClient(trx, id, changes);
      await appendAudit(trx, ctx, {
        action: 'identity.updateSsoClient',
        target: { type: 'ssoClient', id },
        details: { clientId: before.client_id, changed: changedFields(before, changes) },
      });
    });
    return this.view(id);
  }

  /** A new secret replaces the old one at once: the application must be reconfigured with it. */
  async rotateSecret(ctx: RequestContext, id: string): Promise<SsoClientWithSecret> {
    requireActor(ctx);
    const secret = generateClientSecret();
    await withTransaction(this.db, async (trx) => {
      const row = await repo.findClient(trx, id);
      if (!row) throw new DomainError('SSO_CLIENT_NOT_FOUND');
      await repo.updateClient(trx, id, { secretEnc: this.keyring.encrypt(secret, SEALED_SECRET) });
      await appendAudit(trx, ctx, {
        action: 'identity.rotateSsoClientSecret',
        target: { type: 'ssoClient', id },
        details: { clientId: row.client_id },
      });
    });
    return { client: await this.view(id), clientSecret: secret };
  }

  /**
   * Removes the registration. Sessions and tokens already issued to the application stop working at once:
   * the provider no longer finds the client (they expire from `sso_payloads` by themselves).
   */
  async delete(ctx: RequestContext, id: string): Promise<void> {
    requireActor(ctx);
    await withTransaction(this.db, async (trx) => {
      const row = await repo.findClient(trx, id);
      if (!row) throw new DomainError('SSO_CLIENT_NOT_FOUND');
      await repo.deleteClient(trx, id);
      await appendAudit(trx, ctx, {
        action: 'identity.deleteSsoClient',
        target: { type: 'ssoClient', id },
        details: { clientId: row.client_id, name: row.name },
      });
    });
  }

  private async view(id: string): Promise<SsoClientView> {
    const row = await repo.findClient(this.db, id);
    if (!row) throw new DomainError('SSO_CLIENT_NOT_FOUND');
    return clientView(row);
  }
}

function checkUris(redirectUris: readonly string[], postLogoutRedirectUris: readonly string[]): void {
  const errors: FieldError[] = [
    ...redirectUriErrors('redirectUris', redirectUris),
    ...redirectUriErrors('postLogoutRedirectUris', postLogoutRedirectUris),
  ];
  if (errors.length)
    throw new DomainError(
      'SSO_REDIRECT_URI_INVALID',
      {},
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
}

function checkScopes(scopes: readonly string[]): void {
  if (!scopes.includes('openid'))
    throw new DomainError('SSO_OPENID_SCOPE_REQUIRED', {}, 'body.scopes must include openid', [
      { field: 'body.scopes', message: 'must include openid' },
    ]);
}

async function withClientIdUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (uniqueViolation(error) === 'sso_clients_client_id_key')
      throw new DomainError('SSO_CLIENT_ID_TAKEN', {}, undefined, [
        { field: 'body.clientId', message: 'already registered' },
      ]);
    throw error;
  }
}

function changedFields(before: Selectable<SsoClientsTable>, after: UpdateSsoClientRequest): string[] {
  const current: Record<keyof UpdateSsoClientRequest, unknown> = {
    name: before.name,
    redirectUris: before.redirect_uris,
    postLogoutRedirectUris: before.post_logout_redirect_uris,
    scopes: before.scopes,
    enabled: before.enabled,
  };
  return (Object.keys(current) as (keyof UpdateSsoClientRequest)[]).filter(
    (key) => after[key] !== undefined && JSON.stringify(after[key]) !== JSON.stringify(current[key]),
  );
}

export function clientView(row: Selectable<SsoClientsTable>): SsoClientView {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    redirectUris: row.redirect_uris,
    postLogoutRedirectUris: row.post_logout_redirect_uris,
    scopes: row.scopes as SsoClientView['scopes'],
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
