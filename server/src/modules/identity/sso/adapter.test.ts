import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/test-app.js';
import { loadSsoKeys } from './keys.js';

const { db, services, platform } = await startTestApp();
const { store } = services.sso;

describe('the provider storage in sso_payloads', () => {
  it('finds what was stored until it expires, and marks consumption', async () => {
    const codes = store.adapter('AuthorizationCode');
    await codes.upsert('code-1', { grantId: 'g-1', accountId: 'u', kind: 'AuthorizationCode' }, 60);
    expect(await codes.find('code-1')).toMatchObject({ grantId: 'g-1', accountId: 'u' });
    expect(await store.adapter('AccessToken').find('code-1')).toBeUndefined();

    await codes.consume('code-1');
    const consumed = await codes.find('code-1');
    expect(consumed?.consumed).toBeGreaterThan(Date.now() / 1000 - 60);

    await sql`update sso_payloads set expires_at = now() - interval '1 second' where id = 'code-1'`.execute(
      db,
    );
    expect(await codes.find('code-1')).toBeUndefined();
  });

  it('finds sessions by uid, revokes by grant within one model, and purges what expired', async () => {
    const sessions = store.adapter('Session');
    await sessions.upsert('s-1', { uid: 'uid-1', accountId: 'u' }, 3600);
    expect(await sessions.findByUid('uid-1')).toMatchObject({ accountId: 'u' });

    const tokens = store.adapter('AccessToken');
    const codes = store.adapter('AuthorizationCode');
    await tokens.upsert('t-1', { grantId: 'g-2' }, 600);
    await codes.upsert('c-2', { grantId: 'g-2' }, 60);
    await tokens.revokeByGrantId('g-2');
    expect(await tokens.find('t-1')).toBeUndefined();
    expect(await codes.find('c-2')).toBeDefined();

    await sql`update sso_payloads set expires_at = now() - interval '2 minutes' where id = 'c-2'`.execute(db);
    expect(await store.purgeExpired()).toBe(1);
    expect(await sessions.findByUid('uid-1')).toBeDefined();
  });

  it('is purged by an hourly job', async () => {
    const grants = store.adapter('Grant');
    await grants.upsert('old-grant', { accountId: 'u' }, 60);
    await sql`update sso_payloads set expires_at = now() - interval '1 hour' where id = 'old-grant'`.execute(
      db,
    );
    await platform.jobs.tickSchedules();
    await platform.jobs.runDue();
    expect(await db.selectFrom('sso_payloads').where('id', '=', 'old-grant').selectAll().execute()).toEqual(
      [],
    );
    const schedule = await db
      .selectFrom('job_schedules')
      .select('interval_seconds')
      .where('name', '=', 'identity.purgeSsoPayloads')
      .executeTakeFirstOrThrow();
    expect(schedule.interval_seconds).toBe(3600);
  });

  it('does not let the provider register clients: they come from the admin registry', async () => {
    await expect(store.adapter('Client').upsert('x', {})).rejects.toThrow(/admin API/);
    expect(await store.adapter('Client').find('no-such-client')).toBeUndefined();
  });
});

describe('provider keys', () => {
  it('are created once and the same for every node loading them', async () => {
    const again = await loadSsoKeys(db, platform.keyring);
    const rows = await db.selectFrom('sso_keys').select(['purpose']).execute();
    expect(rows.map((r) => r.purpose).sort()).toEqual(['cookie', 'signing']);
    expect(again.signing).toHaveLength(1);
    expect(again.signing[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(again).toEqual(await loadSsoKeys(db, platform.keyring));
  });
});
