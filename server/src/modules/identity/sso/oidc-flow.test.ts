import { createServer } from 'node:net';
import * as oidc from 'openid-client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.js';
import { DEMO_PASSWORD } from '../../../demo/demo-data.js';
import { openPlatform } from '../../../platform/kernel.js';
import { TestBrowser } from '../../../test/browser.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../../test/test-app.js';

/** A port nobody listens on now, so the issuer (PUBLIC_URL) can name it before the server starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const issuer = `${origin}/oidc`;
const { app, db, platform, database } = await startTestApp({ PUBLIC_URL: origin });
await app.listen({ port, host: '127.0.0.1' });

const REDIRECT_URI = 'https://cases.example.gov.cn/auth/callback';
const ALL_SCOPES = 'openid profile phone tongban.department tongban.roles';

const adminAuth = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
async function register(clientId: string, scopes = ALL_SCOPES.split(' ')) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/identity/sso/clients',
    headers: adminAuth,
    payload: { clientId, name: '办件管理系统', redirectUris: [REDIRECT_URI], scopes },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json() as { client: { id: string; clientId: string }; clientSecret: string };
}
const setEnabled = (id: string, enabled: boolean) =>
  app.inject({
    method: 'PATCH',
    url: `/api/v1/identity/sso/clients/${id}`,
    headers: adminAuth,
    payload: { enabled },
  });

/** The integrated application's view of Tongban, through openid-client. */
const discover = (clientId: string, secret: string) =>
  oidc.discovery(new URL(issuer), clientId, { client_secret: secret }, oidc.ClientSecretBasic(), {
    execute: [oidc.allowInsecureRequests],
  });

const cases = await register('case-portal');
const config = await discover('case-portal', cases.clientSecret);

/** The user's browser, from the application's redirect to Tongban until it is sent back with a code. */
async function signInThroughBrowser(
  authorizationUrl: URL,
  user: { username: string; password: string } = { username: 'clerk', password: DEMO_PASSWORD },
) {
  const browser = new TestBrowser();
  const toLogin = await browser.navigate(authorizationUrl, origin);
  expect(toLogin.location?.pathname, await toLogin.response.text()).toBe('/login');
  const uid = toLogin.location!.searchParams.get('sso')!;
  const bearer = await signIn(app, user.username, user.password);
  const details = await browser.fetch(`${issuer}/interaction/${uid}/details`);
  const completed = await browser.fetch(`${issuer}/interaction/${uid}/complete`, {
    method: 'POST',
    headers: bearer,
  });
  expect(completed.status, await completed.clone().text()).toBe(200);
  const { redirectTo } = (await completed.json()) as { redirectTo: string };
  const back = await browser.navigate(redirectTo, origin);
  return { browser, uid, details: await details.json(), callback: back.location };
}

async function authorizationRequest(overrides: Record<string, string> = {}, configuration = config) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: REDIRECT_URI,
    scope: ALL_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...overrides,
  });
  return { url, verifier, state, nonce };
}

/** What the application checks on the way back: its PKCE verifier, state and nonce. */
const checksOf = (request: Awaited<ReturnType<typeof authorizationRequest>>) => ({
  pkceCodeVerifier: request.verifier,
  expectedState: request.state,
  expectedNonce: request.nonce,
});

const clerkId = (
  await db.selectFrom('users').select('id').where('username', '=', 'clerk').executeTakeFirstOrThrow()
).id;
const haikou = await db
  .selectFrom('departments')
  .select(['id', 'name', 'region_code'])
  .where('code', '=', 'HK-ZWFWZX')
  .executeTakeFirstOrThrow();

describe('discovery', () => {
  it('publishes the issuer, code flow with S256 PKCE only, ES256 ID tokens and the Tongban scopes', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(issuer);
    expect(meta.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(meta.jwks_uri).toBe(`${issuer}/jwks`);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.id_token_signing_alg_values_supported).toEqual(['ES256']);
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(ALL_SCOPES.split(' ')));
    expect(meta.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'name', 'preferred_username', 'phone_number', 'department', 'roles']),
    );
  });

  it('serves the ES256 public key stored (sealed) in sso_keys, without its private part', async () => {
    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: Record<string, string>[] };
    const stored = await db
      .selectFrom('sso_keys')
      .select(['id', 'secret_enc'])
      .where('purpose', '=', 'signing')
      .execute();
    expect(jwks.keys.map((k) => k.kid)).toEqual(stored.map((k) => k.id));
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(stored[0]!.secret_enc).not.toContain(jwks.keys[0]!.x);
  });
});

describe('signing in to an integrated application (authorization code + PKCE)', () => {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  let flow: Awaited<ReturnType<typeof signInThroughBrowser>>;

  beforeAll(async () => {
    const request = await authorizationRequest();
    flow = await signInThroughBrowser(request.url);
    tokens = await oidc.authorizationCodeGrant(config, flow.callback!, checksOf(request));
  });

  it('sends the browser to the web sign-in page, which learns the application name', () => {
    expect(flow.details).toEqual({
      uid: flow.uid,
      clientId: 'case-portal',
      clientName: '办件管理系统',
      scopes: ALL_SCOPES.split(' '),
    });
  });

  it('returns to the registered redirect URI with a code, and the code buys a signed ID token', () => {
    expect(flow.callback?.href.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(flow.callback?.searchParams.get('code')).toBeTruthy();
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.id_token!.split('.')).toHaveLength(3);
    const header = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString());
    expect(header.alg).toBe('ES256');
  });

  it('puts the user id, name, department and roles in the ID token', () => {
    expect(tokens.claims()).toMatchObject({
      iss: issuer,
      aud: 'case-portal',
      sub: clerkId,
      name: '王窗口',
      preferred_username: 'clerk',
      department: { id: haikou.id, name: haikou.name, regionCode: haikou.region_code },
      roles: ['window_clerk'],
    });
  });

  it('answers userinfo for the access token', async () => {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, clerkId);
    expect(info).toMatchObject({ sub: clerkId, name: '王窗口', roles: ['window_clerk'] });
  });

  it('audits the sign-in as identity.ssoLogin and logs it in the sign-in log', async () => {
    const audit = await db
      .selectFrom('audit_ledger')
      .select(['action', 'actor_id', 'target_id', 'details'])
      .where('action', '=', 'identity.ssoLogin')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_id: clerkId,
      target_id: cases.client.id,
      details: { clientId: 'case-portal', scopes: ALL_SCOPES.split(' ') },
    });
    const logged = await db
      .selectFrom('login_events')
      .select(['username', 'method', 'outcome', 'reason'])
      .where('user_id', '=', clerkId)
      .where('method', '=', 'sso')
      .executeTakeFirstOrThrow();
    expect(logged).toEqual({ username: 'clerk', method: 'sso', outcome: 'success', reason: 'case-portal' });
  });

  it('asks before signing out when the application starts a logout (RP-initiated logout)', async () => {
    const url = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token! });
    const response = await flow.browser.fetch(url);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('退出登录');
    expect(page).toContain('办件管理系统');
  });

  it('does not redeem a code twice', async () => {
    const request = await authorizationRequest();
    const { callback } = await signInThroughBrowser(request.url);
    const checks = checksOf(request);
    await oidc.authorizationCodeGrant(config, callback!, checks);
    await expect(oidc.authorizationCodeGrant(config, callback!, checks)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('revokes an access token', async () => {
    const request = await authorizationRequest();
    const { callback } = await signInThroughBrowser(request.url);
    const own = await oidc.authorizationCodeGrant(config, callback!, checksOf(request));
    await oidc.tokenRevocation(config, own.access_token);
    await expect(oidc.fetchUserInfo(config, own.access_token, clerkId)).rejects.toThrow();
  });

  it('gives a citizen no department and no roles, and their phone only under the phone scope', async () => {
    const request = await authorizationRequest();
    const { callback } = await signInThroughBrowser(request.url, {
      username: '13800000001',
      password: DEMO_PASSWORD,
    });
    const citizen = await oidc.authorizationCodeGrant(config, callback!, checksOf(request));
    const claims = citizen.claims()!;
    expect(claims).toMatchObject({ name: '张三', phone_number: '13800000001', department: null, roles: [] });
    expect(claims).not.toHaveProperty('preferred_username');
  });

  it('releases only the claims of the scopes asked for', async () => {
    const request = await authorizationRequest({ scope: 'openid' });
    const { callback } = await signInThroughBrowser(request.url);
    const minimal = await oidc.authorizationCodeGrant(config, callback!, checksOf(request));
    const claims = minimal.claims()!;
    expect(claims.sub).toBe(clerkId);
    for (const claim of ['name', 'department', 'roles', 'phone_number'])
      expect(claims).not.toHaveProperty(claim);
  });
});

describe('what is refused', () => {
  it('an application that is disabled: no sign-in page, no code', async () => {
    const disabled = await register('disabled-app');
    const disabledConfig = await discover('disabled-app', disabled.clientSecret);
    expect((await setEnabled(disabled.client.id, false)).statusCode).toBe(200);
    const request = await authorizationRequest({}, disabledConfig);
    const { response, location } = await new TestBrowser().navigate(request.url, origin);
    expect(location).toBeNull();
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid_client');
  });

  it('an application disabled while the user signs in cannot complete it', async () => {
    const later = await register('disabled-later');
    const laterConfig = await discover('disabled-later', later.clientSecret);
    const request = await authorizationRequest({}, laterConfig);
    const browser = new TestBrowser();
    const { location } = await browser.navigate(request.url, origin);
    await setEnabled(later.client.id, false);
    const uid = location!.searchParams.get('sso');
    const completed = await browser.fetch(`${issuer}/interaction/${uid}/complete`, {
      method: 'POST',
      headers: await signIn(app, 'clerk', DEMO_PASSWORD),
    });
    expect(completed.status).toBe(403);
    expect(((await completed.json()) as { code: string }).code).toBe('SSO_CLIENT_DISABLED');
  });

  it('the tokens of an application once it is disabled', async () => {
    const app2 = await register('disabled-after');
    const config2 = await discover('disabled-after', app2.clientSecret);
    const request = await authorizationRequest({}, config2);
    const { callback } = await signInThroughBrowser(request.url);
    const issued = await oidc.authorizationCodeGrant(config2, callback!, checksOf(request));
    expect((await oidc.fetchUserInfo(config2, issued.access_token, clerkId)).sub).toBe(clerkId);
    await setEnabled(app2.client.id, false);
    await expect(oidc.fetchUserInfo(config2, issued.access_token, clerkId)).rejects.toThrow();
  });

  it('a redirect URI that is not registered: an error page, never a redirect', async () => {
    const request = await authorizationRequest({ redirect_uri: 'https://evil.example.com/callback' });
    const { response, location } = await new TestBrowser().navigate(request.url, origin);
    expect(location).toBeNull();
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('redirect_uri');
  });

  it('an authorization request without a PKCE code challenge', async () => {
    const request = await authorizationRequest();
    request.url.searchParams.delete('code_challenge');
    request.url.searchParams.delete('code_challenge_method');
    const { location } = await new TestBrowser().navigate(request.url, origin);
    expect(location?.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(location?.searchParams.get('error')).toBe('invalid_request');
    expect(location?.searchParams.get('code')).toBeNull();
  });

  it.each([
    ['a wrong PKCE code verifier', () => oidc.randomPKCECodeVerifier()],
    ['no PKCE code verifier', () => undefined],
  ])('a token request with %s', async (_what, verifier) => {
    const request = await authorizationRequest();
    const { callback } = await signInThroughBrowser(request.url);
    await expect(
      oidc.authorizationCodeGrant(config, callback!, { ...checksOf(request), pkceCodeVerifier: verifier() }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a token request with a wrong client secret', async () => {
    const request = await authorizationRequest();
    const { callback } = await signInThroughBrowser(request.url);
    const impostor = await discover('case-portal', 'not-the-secret');
    await expect(oidc.authorizationCodeGrant(impostor, callback!, checksOf(request))).rejects.toMatchObject({
      status: 401,
      cause: [{ parameters: { error: 'invalid_client' } }],
    });
  });

  it('completing the sign-in without a Tongban bearer token (401), or from another browser (404)', async () => {
    const request = await authorizationRequest();
    const browser = new TestBrowser();
    const { location } = await browser.navigate(request.url, origin);
    const uid = location!.searchParams.get('sso');
    const anonymous = await browser.fetch(`${issuer}/interaction/${uid}/complete`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    const elsewhere = await new TestBrowser().fetch(`${issuer}/interaction/${uid}/complete`, {
      method: 'POST',
      headers: await signIn(app, 'clerk', DEMO_PASSWORD),
    });
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { code: string }).code).toBe('SSO_INTERACTION_NOT_FOUND');
  });
});

describe('two nodes on one database', () => {
  let other = '';
  beforeAll(async () => {
    const node = await openPlatform(platform.config, database, platform.store, pino({ level: 'silent' }));
    const { app: second } = await buildApp(node, { webDir: '/nonexistent' });
    afterAll(() => second.close());
    await second.listen({ port: 0, host: '127.0.0.1' });
    other = `http://127.0.0.1:${(second.server.address() as { port: number }).port}`;
  });

  it('sign with the same key, and a code issued by one is redeemed at the other', async () => {
    const ours = await (await fetch(`${issuer}/jwks`)).json();
    expect(await (await fetch(`${other}/oidc/jwks`)).json()).toEqual(ours);

    const request = await authorizationRequest();
    const { callback } = await signInThroughBrowser(request.url);
    const response = await fetch(`${other}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`case-portal:${cases.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback!.searchParams.get('code')!,
        redirect_uri: REDIRECT_URI,
        code_verifier: request.verifier,
      }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const { id_token } = (await response.json()) as { id_token: string };
    const header = JSON.parse(Buffer.from(id_token.split('.')[0]!, 'base64url').toString());
    expect(header.kid).toBe((ours as { keys: { kid: string }[] }).keys[0]!.kid);
  });
});
