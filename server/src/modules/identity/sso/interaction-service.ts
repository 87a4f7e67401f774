import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import { appendAudit } from '../../../platform/audit/ledger.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import { requireActor } from '../organisations/rules.js';
import { recordLoginEvent } from '../repo.js';
import type { SsoStore } from './adapter.js';
import './errors.js';
import * as repo from './repo.js';
import type { SsoInteractionResult, SsoInteractionView } from './schema.js';

/**
 * 单点登录 — finishing a sign-in request of an integrated application in the Tongban web app.
 *
 * The provider sends the browser to `/oidc/interaction/:uid`, which redirects to `/login?sso=:uid`. The
 * sign-in page shows the application's name (`details`), and once the user is signed in to Tongban it
 * calls `complete` with its bearer token: the user becomes the subject, the application gets a grant for
 * the scopes it asked for within those it is registered for (registered applications are first-party:
 * no consent screen), and the browser continues at `redirectTo`. The interaction cookie the provider set
 * (path `/oidc/interaction/:uid`) ties both calls to this browser.
 */
export class SsoInteractionService {
  constructor(
    private readonly provider: Provider,
    private readonly store: SsoStore,
  ) {}

  async details(req: IncomingMessage, res: ServerResponse, uid: string): Promise<SsoInteractionView> {
    const interaction = await this.interaction(req, res, uid);
    const client = await this.enabledClient(interaction);
    return { uid, clientId: client.client_id, clientName: client.name, scopes: requestedScopes(interaction) };
  }

  async complete(
    ctx: RequestContext,
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    userAgent: string | null,
  ): Promise<SsoInteractionResult> {
    const actor = requireActor(ctx);
    return this.store.inTransaction(async (trx) => {
      const interaction = await this.interaction(req, res, uid);
      const client = await this.enabledClient(interaction);
      const scopes = requestedScopes(interaction).filter((scope) => client.scopes.includes(scope));
      const existing = interaction.grantId ? await this.provider.Grant.find(interaction.grantId) : undefined;
      const grant =
        existing?.accountId === actor.userId && existing.clientId === client.client_id
          ? existing
          : new this.provider.Grant({ accountId: actor.userId, clientId: client.client_id });
      // claims come with scopes only: the `claims` request parameter is not enabled
      grant.addOIDCScope(scopes.join(' '));
      const grantId = await grant.save();
      const redirectTo = await this.provider.interactionResult(
        req,
        res,
        { login: { accountId: actor.userId, remember: false }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      // 登录日志: the security administrator sees SSO sign-ins too; `reason` names the application
      await recordLoginEvent(trx, {
        username: actor.username,
        userId: actor.userId,
        method: 'sso',
        outcome: 'success',
        reason: client.client_id,
        ip: ctx.ip,
        userAgent,
      });
      await appendAudit(trx, ctx, {
        action: 'identity.ssoLogin',
        target: { type: 'ssoClient', id: client.id },
        details: { clientId: client.client_id, scopes },
      });
      return { redirectTo };
    });
  }

  /** The pending interaction of this browser (its cookie), which must be the one in the URL. */
  private async interaction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<Interaction> {
    let interaction: Interaction;
    try {
      interaction = await this.provider.interactionDetails(req, res);
    } catch (error) {
      if ((error as Error).name === 'SessionNotFound') throw new DomainError('SSO_INTERACTION_NOT_FOUND');
      throw error;
    }
    if (interaction.uid !== uid) throw new DomainError('SSO_INTERACTION_NOT_FOUND');
    return interaction;
  }

  private async enabledClient(interaction: Interaction) {
    const client = await repo.findClientByClientId(this.store.conn(), String(interaction.params.client_id));
    if (!client?.enabled) throw new DomainError('SSO_CLIENT_DISABLED');
    return client;
  }
}

function requestedScopes(interaction: Interaction): string[] {
  return String(interaction.params.scope ?? '')
    .split(' ')
    .filter(Boolean);
}
