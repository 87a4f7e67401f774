import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { openSharedStore } from '../../platform/cache/shared-store.js';
import type { Actor } from '../../platform/http/context.js';
import { openPlatform } from '../../platform/kernel.js';
import { makeRole } from '../../test/organisations.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../test/test-app.js';
import { ActorCache, type CachedSession } from './actor-cache.js';

const actor: Actor = {
  userId: 'u1',
  username: 'u1',
  displayName: 'U1',
  roles: [],
  permissions: new Map(),
  sessionId: 's1',
};
const session = (now: number): CachedSession => ({
  actor,
  idleMinutes: 30,
  idleExpiresAt: now + 30 * 60_000,
  expiresAt: now + 8 * 3_600_000,
  touchedAt: now,
});

describe('actor cache rules', async () => {
  const store = await openSharedStore(null);
  afterAll(() => store.close());

  it('serves an entry only under the generation it was read in, within its age and the session windows', async () => {
    const cache = new ActorCache(store, { maxEntries: 10, maxAgeMs: 60_000 });
    const now = 1_000_000;
    const generation = await cache.generation();
    cache.remember('t', generation, session(now), now);
    expect(cache.lookup('t', generation, now + 1000)?.actor).toBe(actor);
    expect(cache.lookup('t', `${generation}x`, now + 1000)).toBeNull();
    cache.remember('t', generation, session(now), now);
    expect(cache.lookup('t', generation, now + 60_000)).toBeNull();
    cache.remember('t', generation, { ...session(now), idleExpiresAt: now + 10 }, now);
    expect(cache.lookup('t', generation, now + 10)).toBeNull();
  });

  it('forgets everything when invalidated, and the generation moves for every node', async () => {
    const a = new ActorCache(store);
    const b = new ActorCache(store);
    const before = await b.generation();
    a.remember('t', before, session(Date.now()));
    await a.invalidate();
    expect(await b.generation()).not.toBe(before);
    expect(a.lookup('t', before)).toBeNull();
  });

  it('drops the oldest entry when full', async () => {
    const cache = new ActorCache(store, { maxEntries: 2, maxAgeMs: 60_000 });
    const now = Date.now();
    for (const token of ['a', 'b', 'c']) cache.remember(token, '0', session(now), now);
    expect(cache.lookup('a', '0', now)).toBeNull();
    expect(cache.lookup('c', '0', now)).not.toBeNull();
  });
});

describe('two nodes sharing one database and store', async () => {
  const first = await startTestApp();
  // a second node: its own platform, app and actor cache over the same database and shared store
  const platform = await openPlatform(
    first.platform.config,
    first.database,
    first.platform.store,
    pino({ level: 'silent' }),
  );
  const { app: second } = await buildApp(platform, { webDir: '/nonexistent' });
  await second.ready();
  afterAll(() => second.close());

  it('refuses a session on the other node right after it is ended, though that node had it cached', async () => {
    const headers = await signIn(first.app, 'auditor', 'Tongban@2026');
    expect((await second.inject({ url: '/api/v1/identity/me', headers })).statusCode).toBe(200);
    expect(
      (await first.app.inject({ method: 'POST', url: '/api/v1/identity/logout', headers })).statusCode,
    ).toBe(204);
    expect((await second.inject({ url: '/api/v1/identity/me', headers })).statusCode).toBe(401);
  });

  it('sees a change of account status made on the other node at once', async () => {
    const admin = await signIn(first.app, 'admin', TEST_ADMIN_PASSWORD);
    const clerk = await signIn(first.app, 'clerk', 'Tongban@2026');
    expect((await second.inject({ url: '/api/v1/identity/me', headers: clerk })).statusCode).toBe(200);
    const { id } = await first.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    const disable = await first.app.inject({
      method: 'PATCH',
      url: `/api/v1/identity/staff/${id}`,
      headers: admin,
      payload: { status: 'disabled' },
    });
    expect(disable.statusCode).toBe(200);
    expect((await second.inject({ url: '/api/v1/identity/me', headers: clerk })).statusCode).toBe(401);
  });

  it('sees a change of role grants made on the other node at once', async () => {
    const roleId = await makeRole(first.db, 'cache_probe', [['security:view', 'all']]);
    const { id } = await first.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'head')
      .executeTakeFirstOrThrow();
    await first.db.insertInto('user_roles').values({ user_id: id, role_id: roleId }).execute();
    const head = await signIn(first.app, 'head', 'Tongban@2026');
    const permissions = async () =>
      (await second.inject({ url: '/api/v1/identity/me', headers: head })).json().permissions;
    expect(await permissions()).not.toContain('security:manage');
    const secadmin = await signIn(first.app, 'secadmin', 'Tongban@2026');
    const grant = await first.app.inject({
      method: 'PUT',
      url: `/api/v1/identity/roles/${roleId}/grants`,
      headers: secadmin,
      payload: { permissions: ['security:view', 'security:manage'], dataScope: 'all' },
    });
    expect(grant.statusCode).toBe(200);
    expect(await permissions()).toContain('security:manage');
  });
});
