import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../demo/demo-data.js';
import { client } from '../../../test/organisations.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../../test/test-app.js';
import { countRows } from '../../../test/test-database.js';
import { SEALED_SECRET } from './client-metadata.js';
import { redirectUriProblem } from './client-rules.js';

const { app, db, platform } = await startTestApp();
const admin = client(app, await signIn(app, 'admin', TEST_ADMIN_PASSWORD));
const secadmin = client(app, await signIn(app, 'secadmin', DEMO_PASSWORD));

const snapshot = () => Promise.all([countRows(db, 'sso_clients'), countRows(db, 'audit_ledger')]);
const auditOf = (id: string) =>
  db
    .selectFrom('audit_ledger')
    .select(['action', 'details'])
    .where('target_id', '=', id)
    .orderBy('seq')
    .execute();

/** A valid registration, with overrides. */
const anApplication = (overrides: Record<string, unknown> = {}) => ({
  clientId: `app-${Math.random().toString(36).slice(2, 10)}`,
  name: '不动产登记系统',
  redirectUris: ['https://bdc.example.gov.cn/oidc/callback'],
  scopes: ['openid', 'profile', 'tongban.department'],
  ...overrides,
});

describe('redirect URI rules', () => {
  it.each([
    ['https://bdc.example.gov.cn/callback', null],
    ['http://localhost:5173/callback', null],
    ['http://127.0.0.1/cb', null],
    ['http://[::1]:8080/cb', null],
    ['http://bdc.example.gov.cn/callback', 'scheme'],
    ['ftp://bdc.example.gov.cn/callback', 'scheme'],
    ['https://bdc.example.gov.cn/callback#top', 'fragment'],
    ['/callback', 'notAbsolute'],
    ['https://user:pw@bdc.example.gov.cn/cb', 'credentials'],
  ])('%s → %s', (uri, problem) => {
    expect(redirectUriProblem(uri)).toBe(problem);
  });
});

describe('registering an application', () => {
  it('answers the generated secret once, stores it sealed and audits the registration', async () => {
    const before = await countRows(db, 'audit_ledger');
    const response = await admin.post('/sso/clients', anApplication({ clientId: 'bdc-portal' }));
    expect(response.statusCode, response.body).toBe(201);
    const { client: created, clientSecret } = response.json();
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ clientId: 'bdc-portal', enabled: true, postLogoutRedirectUris: [] });
    expect(created).not.toHaveProperty('clientSecret');

    const row = await db
      .selectFrom('sso_clients')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(clientSecret);
    expect(await platform.keyring.decrypt(row.secret_enc, SEALED_SECRET)).toBe(clientSecret);

    const list = await admin.get('/sso/clients');
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.find((c: { id: string }) => c.id === created.id);
    expect(listed).toEqual(created);
    expect(JSON.stringify(list.json())).not.toContain(clientSecret);

    expect(await countRows(db, 'audit_ledger')).toBe(before + 1);
    const [audit] = await auditOf(created.id);
    expect(audit).toMatchObject({ action: 'identity.createSsoClient', details: { clientId: 'bdc-portal' } });
    expect(JSON.stringify(audit)).not.toContain(clientSecret);
  });

  it.each([
    [
      'an http redirect URI off the local machine',
      { redirectUris: ['http://bdc.example.gov.cn/cb'] },
      400,
      'SSO_REDIRECT_URI_INVALID',
      'redirectUris.0',
    ],
    [
      'a redirect URI with a fragment',
      { redirectUris: ['https://bdc.example.gov.cn/cb', 'https://bdc.example.gov.cn/cb#x'] },
      400,
      'SSO_REDIRECT_URI_INVALID',
      'redirectUris.1',
    ],
    [
      'a relative post-logout URI',
      { postLogoutRedirectUris: ['/bye'] },
      400,
      'SSO_REDIRECT_URI_INVALID',
      'postLogoutRedirectUris.0',
    ],
    ['no redirect URI', { redirectUris: [] }, 400, 'VALIDATION_FAILED', 'redirectUris'],
    ['scopes without openid', { scopes: ['profile'] }, 400, 'SSO_OPENID_SCOPE_REQUIRED', 'scopes'],
    ['an unknown scope', { scopes: ['openid', 'email'] }, 400, 'VALIDATION_FAILED', 'scopes.1'],
    ['a client id with capitals', { clientId: 'Bad_ID' }, 400, 'VALIDATION_FAILED', 'clientId'],
    ['a blank name', { name: '   ' }, 400, 'VALIDATION_FAILED', 'name'],
    ['a client id already registered', { clientId: 'bdc-portal' }, 409, 'SSO_CLIENT_ID_TAKEN', 'clientId'],
  ])('refuses %s and writes nothing', async (_what, overrides, status, code, field) => {
    const before = await snapshot();
    const response = await admin.post('/sso/clients', anApplication(overrides));
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = response.json();
    expect(problem.code).toBe(code);
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(`body.${field}`);
    expect(await snapshot()).toEqual(before);
  });

  it('is for the holders of identity:sso:manage only', async () => {
    const before = await snapshot();
    expect((await secadmin.post('/sso/clients', anApplication())).statusCode).toBe(403);
    expect((await secadmin.get('/sso/clients')).statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/sso/clients',
      payload: anApplication(),
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});

describe('changing an application', () => {
  const register = async () => (await admin.post('/sso/clients', anApplication())).json().client;

  it('updates name, redirect URIs, scopes and the enabled flag, auditing the changed fields', async () => {
    const created = await register();
    const response = await admin.patch(`/sso/clients/${created.id}`, {
      name: '不动产登记（新）',
      redirectUris: ['https://bdc.example.gov.cn/cb2', 'http://localhost:3000/cb'],
      scopes: ['openid', 'tongban.roles'],
      enabled: false,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      name: '不动产登记（新）',
      redirectUris: ['https://bdc.example.gov.cn/cb2', 'http://localhost:3000/cb'],
      scopes: ['openid', 'tongban.roles'],
      enabled: false,
      clientId: created.clientId,
    });
    const audits = await auditOf(created.id);
    expect(audits.at(-1)).toMatchObject({
      action: 'identity.updateSsoClient',
      details: { changed: ['name', 'redirectUris', 'scopes', 'enabled'] },
    });
  });

  it('refuses a bad update without changing anything', async () => {
    const created = await register();
    const before = await snapshot();
    const bad = await admin.patch(`/sso/clients/${created.id}`, {
      name: 'x',
      redirectUris: ['https://ok.example.gov.cn/cb', 'javascript:alert(1)'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('SSO_REDIRECT_URI_INVALID');
    expect((await admin.patch(`/sso/clients/${created.id}`, {})).statusCode).toBe(400);
    const missing = await admin.patch('/sso/clients/01900000-0000-7000-8000-000000000000', { name: 'y' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SSO_CLIENT_NOT_FOUND');
    expect(await snapshot()).toEqual(before);
    const row = await db
      .selectFrom('sso_clients')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('不动产登记系统');
  });

  it('rotates the secret, answering the new one once', async () => {
    const created = await register();
    const rotated = await admin.post(`/sso/clients/${created.id}/secret`, {});
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { clientSecret } = rotated.json();
    const row = await db
      .selectFrom('sso_clients')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(await platform.keyring.decrypt(row.secret_enc, SEALED_SECRET)).toBe(clientSecret);
    expect((await auditOf(created.id)).map((a) => a.action)).toEqual([
      'identity.createSsoClient',
      'identity.rotateSsoClientSecret',
    ]);
  });

  it('deletes a registration, audited; a second delete is 404', async () => {
    const created = await register();
    const deleted = await admin.delete(`/sso/clients/${created.id}`);
    expect(deleted.statusCode).toBe(204);
    expect(await db.selectFrom('sso_clients').where('id', '=', created.id).selectAll().execute()).toEqual([]);
    expect((await auditOf(created.id)).at(-1)?.action).toBe('identity.deleteSsoClient');
    const before = await snapshot();
    expect((await admin.delete(`/sso/clients/${created.id}`)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
