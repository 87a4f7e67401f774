import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../../../shared/validation/id-card.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../../test/test-app.js';
import { countRows } from '../../../test/test-database.js';

const { app, db } = await startTestApp();
const PASSWORD = 'Citizen@2026';
let serial = 0;

function idNumber(birth: string) {
  const first17 = `460108${birth}${String(++serial).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

async function guardian() {
  const p = {
    name: '陈大文',
    idNumber: idNumber('19800303'),
    phone: `1350000${String(++serial).padStart(4, '0')}`,
  };
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/identity/citizens',
    payload: { ...p, password: PASSWORD },
  });
  expect(response.statusCode).toBe(201);
  return { ...p, headers: await signIn(app, p.phone, PASSWORD) };
}

function add(headers: Record<string, string>, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/identity/me/dependants', headers, payload });
}

describe('dependants under a guardian', () => {
  it('adds family members sealed, lists them masked and only to their guardian', async () => {
    const parent = await guardian();
    const child = { name: '陈小文', idNumber: idNumber('20180808'), relation: 'child' };
    const response = await add(parent.headers, child);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      name: '陈**',
      idNumber: `4601**********${child.idNumber.slice(-4)}`,
      relation: 'child',
      createdAt: expect.any(String),
    });
    const row = await db
      .selectFrom('dependants')
      .selectAll()
      .where('id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(child.idNumber);
    expect(JSON.stringify(row)).not.toContain(child.name);

    const spouse = { name: '林美', idNumber: idNumber('19820404'), relation: 'spouse' };
    expect((await add(parent.headers, spouse)).statusCode).toBe(201);
    const first = (
      await app.inject({ url: '/api/v1/identity/me/dependants?limit=1', headers: parent.headers })
    ).json();
    expect(first.items).toHaveLength(1);
    expect(first.items[0].name).toBe('陈**');
    const rest = await app.inject({
      url: `/api/v1/identity/me/dependants?limit=1&cursor=${first.nextCursor}`,
      headers: parent.headers,
    });
    expect(rest.json()).toMatchObject({ items: [{ name: '林*', relation: 'spouse' }], nextCursor: null });

    const stranger = await guardian();
    expect(
      (await app.inject({ url: '/api/v1/identity/me/dependants', headers: stranger.headers })).json().items,
    ).toEqual([]);
    expect((await add(stranger.headers, child)).statusCode).toBe(201);
  });

  it('refuses a duplicate, oneself, a bad ID number and staff accounts, writing nothing', async () => {
    const parent = await guardian();
    const child = { name: '陈小武', idNumber: idNumber('20200202'), relation: 'child' };
    expect((await add(parent.headers, child)).statusCode).toBe(201);
    const admin = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const before = [await countRows(db, 'dependants'), await countRows(db, 'audit_ledger')];
    const twice = await add(parent.headers, { ...child, idNumber: child.idNumber.toLowerCase() });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'DEPENDANT_EXISTS']);
    const self = await add(parent.headers, { ...child, idNumber: parent.idNumber });
    expect([self.statusCode, self.json().code]).toEqual([400, 'DEPENDANT_IS_SELF']);
    const bad = await add(parent.headers, {
      ...child,
      idNumber: `${child.idNumber.slice(0, 17)}${child.idNumber[17] === '0' ? '1' : '0'}`,
    });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'ID_NUMBER_INVALID']);
    const relation = await add(parent.headers, {
      ...child,
      idNumber: idNumber('20210101'),
      relation: 'cousin',
    });
    expect([relation.statusCode, relation.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const staff = await add(admin, { ...child, idNumber: idNumber('20210101') });
    expect([staff.statusCode, staff.json().code]).toEqual([403, 'CITIZEN_ACCOUNT_REQUIRED']);
    expect((await add({}, child)).statusCode).toBe(401);
    expect([await countRows(db, 'dependants'), await countRows(db, 'audit_ledger')]).toEqual(before);
  });
});
