import type { EventEmitter } from 'node:events';
import type { Configuration, KoaContextWithOIDC, default as Provider } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Keyring } from '../../../platform/keys/keyring.js';
import { accountFinder } from './account.js';
import type { SsoStore } from './adapter.js';
import { SCOPE_CLAIMS } from './client-rules.js';
import type { SsoKeys } from './keys.js';
import { errorPage, logoutPage, logoutSuccessPage } from './pages.js';

/** Where the provider is mounted; the issuer is `${publicUrl}${OIDC_PATH}`. */
export const OIDC_PATH = '/oidc';

/** Lifetimes in seconds. A provider session lasts as long as a Tongban session may (8 hours). */
const TTL = {
  AuthorizationCode: 60,
  AccessToken: 10 * 60,
  IdToken: 10 * 60,
  Interaction: 10 * 60,
  Session: 8 * 3600,
  Grant: 8 * 3600,
} as const;

type OidcModule = typeof import('oidc-provider');

let loaded: Promise<OidcModule> | null = null;

/**
 * oidc-provider 9 prints "Unsupported runtime" on any Node.js before 22 LTS when imported. Tongban runs on
 * Node.js 20 (ARCHITECTURE.md), where this version works: the flows are tested end to end on it. That one
 * line is dropped (and logged once at debug level) instead of being printed outside the JSON log.
 */
export function loadOidcProvider(log: Logger): Promise<OidcModule> {
  loaded ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (String(args[0]).includes('Unsupported runtime')) log.debug(String(args[0]));
      else warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return loaded;
}

export interface ProviderDeps {
  issuer: string;
  keys: SsoKeys;
  store: SsoStore;
  keyring: Keyring;
  log: Logger;
  trustProxy: boolean;
}

/**
 * The OpenID Connect provider: authorization code flow with PKCE (S256) for registered confidential
 * clients, ES256 ID tokens carrying the claims of the granted scopes, userinfo, revocation and
 * RP-initiated logout. Sign-in happens in the Tongban web app (see interaction-service.ts): every
 * authorization request goes through it, so a Tongban session that ended cannot sign anyone in.
 */
export async function createProvider(deps: ProviderDeps): Promise<Provider> {
  const { default: OidcProvider, interactionPolicy } = await loadOidcProvider(deps.log);
  const policy = interactionPolicy.base();
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check(
        'tongban_sign_in',
        'every authorization is confirmed by a Tongban session',
        'login_required',
        (ctx) => !ctx.oidc.result?.login,
      ),
    );

  const configuration: Configuration = {
    adapter: deps.store.adapter,
    findAccount: accountFinder(deps.store, deps.keyring),
    jwks: { keys: deps.keys.signing.map((key) => ({ ...key })) },
    cookies: {
      keys: deps.keys.cookie,
      names: {
        session: 'tongban_sso',
        interaction: 'tongban_sso_interaction',
        resume: 'tongban_sso_resume',
      },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: ['openid'],
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    // the ID token carries the claims of every granted scope, not only when no access token is issued
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    },
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    allowOmittingSingleRegisteredRedirectUri: false,
    clientBasedCORS: () => false,
    features: {
      devInteractions: { enabled: false },
      // an application revokes its own tokens only (another's: answered 200, nothing revoked, RFC 7009)
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = logoutSuccessPage();
        },
      },
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${OIDC_PATH}/interaction/${interaction.uid}`,
    },
    ttl: { ...TTL },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  };

  const provider = new OidcProvider(deps.issuer, configuration);
  provider.proxy = deps.trustProxy;
  // Koa's own 'error' event is not in the provider's typed event map
  const events = provider as unknown as EventEmitter;
  events.on('error', (err: Error) => deps.log.error({ err }, 'oidc provider error'));
  events.on('server_error', (_ctx: unknown, err: Error) => deps.log.error({ err }, 'oidc provider error'));
  for (const event of ['authorization.error', 'grant.error', 'end_session.error', 'userinfo.error'])
    events.on(event, (_ctx: unknown, err: Error) =>
      deps.log.info({ event, error: err.message }, 'oidc request refused'),
    );
  return provider;
}
