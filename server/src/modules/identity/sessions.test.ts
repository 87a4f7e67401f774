import { describe, expect, it } from 'vitest';
import { signIn, startTestApp } from '../../test/test-app.js';

const { app } = await startTestApp();
const DEMO = 'Tongban@2026';

describe('session list and revoke', () => {
  it('lists my live sessions, marks the current one, and ends another device', async () => {
    const phone = await signIn(app, 'auditor', DEMO);
    const laptop = await signIn(app, 'auditor', DEMO);
    const list = (await app.inject({ url: '/api/v1/identity/me/sessions', headers: laptop })).json();
    expect(list.items).toHaveLength(2);
    const current = list.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    const other = list.items.find((s: { current: boolean }) => !s.current);

    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/identity/me/sessions/${other.id}`,
      headers: laptop,
    });
    expect(revoke.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/identity/me', headers: phone })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/identity/me', headers: laptop })).statusCode).toBe(200);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/identity/me/sessions/${other.id}`,
      headers: laptop,
    });
    expect(again.json()).toMatchObject({ status: 404, code: 'SESSION_NOT_FOUND' });
  });

  it("cannot end someone else's session", async () => {
    const auditor = await signIn(app, 'auditor', DEMO);
    const secadmin = await signIn(app, 'secadmin', DEMO);
    const theirs = (await app.inject({ url: '/api/v1/identity/me/sessions', headers: secadmin })).json()
      .items[0];
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/identity/me/sessions/${theirs.id}`,
      headers: auditor,
    });
    expect(response.statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/identity/me', headers: secadmin })).statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const headers = await signIn(app, 'auditor', DEMO);
    expect((await app.inject({ method: 'POST', url: '/api/v1/identity/logout', headers })).statusCode).toBe(
      204,
    );
    expect((await app.inject({ url: '/api/v1/identity/me', headers })).statusCode).toBe(401);
  });
});
