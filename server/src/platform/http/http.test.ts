import { describe, expect, it } from 'vitest';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';

const t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
const { app, db } = t;

describe('health, readiness, metrics and API docs', () => {
  it('answers liveness and readiness with the engine in use', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toBe(t.database.engine);
  });

  it('exposes Prometheus metrics including request durations', async () => {
    await app.inject('/healthz');
    const metrics = await app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('tongban_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/healthz"');
  });

  it('publishes an OpenAPI 3 document with operation ids and a docs UI', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/identity/login'].post.operationId).toBe('identity.login');
    expect((await app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('echoes a caller-supplied request id and makes one up otherwise', async () => {
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await app.inject('/healthz');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await app.inject('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('problem+json errors', () => {
  it('answers an unknown route with 404 problem+json in Chinese by default', async () => {
    const response = await app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', title: '接口不存在' });
  });

  it('answers a known route with the wrong method with 405 and an Allow header', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/v1/identity/login' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(response.json().code).toBe('METHOD_NOT_ALLOWED');
  });

  it('translates titles by Accept-Language', async () => {
    const response = await app.inject({
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'en-US,en;q=0.9,zh-CN;q=0.5' },
    });
    expect(response.json().title).toBe('No such endpoint');
  });
});

describe('bad input is refused and writes nothing', () => {
  const login = (payload: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      headers: { 'content-type': 'application/json', ...headers },
      payload,
    });

  it('refuses malformed JSON', async () => {
    const before = await countRows(db, 'audit_ledger');
    const response = await login('{"username": "admin", ');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('MALFORMED_JSON');
    expect(await countRows(db, 'audit_ledger')).toBe(before);
  });

  it('names the field of a wrong type without coercing it', async () => {
    const before = await countRows(db, 'sessions');
    const response = await login(JSON.stringify({ username: 12345, password: 'x' }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field: 'body.username' }));
    expect(await countRows(db, 'sessions')).toBe(before);
  });

  it('refuses unknown fields, naming them', async () => {
    const response = await login(
      JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD, role: 'root' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({ field: 'body.role', message: 'unknown field' });
  });

  it('names a missing field', async () => {
    const response = await login(JSON.stringify({ username: 'admin' }));
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field: 'body.password' }));
  });

  it('refuses an oversized body with 413', async () => {
    const before = await countRows(db, 'audit_ledger');
    const response = await login(JSON.stringify({ username: 'a'.repeat(5000), password: 'x' }));
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await countRows(db, 'audit_ledger')).toBe(before);
  });

  it('refuses a non-JSON content type with 415', async () => {
    const response = await login('username=admin', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('validates query strings too', async () => {
    const headers = await signIn(app, 'auditor', 'Tongban@2026');
    const response = await app.inject({ url: '/api/v1/audit/records?limit=9999', headers });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('query.limit');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response to a retry with the same key and body', async () => {
    const request = {
      method: 'POST' as const,
      url: '/api/v1/identity/login',
      headers: { 'idempotency-key': 'login-retry-1' },
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    };
    const sessionsBefore = await countRows(db, 'sessions');
    const first = await app.inject(request);
    const second = await app.inject(request);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().token).toBe(first.json().token);
    expect(await countRows(db, 'sessions')).toBe(sessionsBefore + 1);
  });

  it('refuses the same key with a different body', async () => {
    const headers = { 'idempotency-key': 'login-retry-2' };
    await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      headers,
      payload: { username: 'admin', password: 'wrong-password' },
    });
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      headers,
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    expect(second.statusCode).toBe(422);
    expect(second.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a malformed key', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      headers: { 'idempotency-key': 'has spaces in it' },
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('IDEMPOTENCY_KEY_INVALID');
  });
});
