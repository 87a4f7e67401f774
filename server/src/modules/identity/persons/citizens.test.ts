import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/http/context.js';
import { idCardCheckChar } from '../../../shared/validation/id-card.js';
import { signIn, startTestApp } from '../../../test/test-app.js';
import { countRows } from '../../../test/test-database.js';
import { CitizenService } from './service.js';

const { app, db, platform, services } = await startTestApp();
const PASSWORD = 'Citizen@2026';
let serial = 0;

/** A fresh person: a valid ID number (Haikou 460105, not the demo 460106) and a phone no one has. */
function person(name = '王小明') {
  serial++;
  const first17 = `46010519850615${String(serial).padStart(3, '0')}`;
  return {
    name,
    idNumber: first17 + idCardCheckChar(first17),
    phone: `1390000${String(serial).padStart(4, '0')}`,
  };
}

function register(payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/identity/citizens', payload });
}

async function counts() {
  return {
    users: await countRows(db, 'users'),
    citizens: await countRows(db, 'citizens'),
    audit: await countRows(db, 'audit_ledger'),
  };
}

describe('citizen self-registration', () => {
  it('creates a real-name citizen, stores personal fields sealed and answers them masked', async () => {
    const p = person('王小明');
    const response = await register({ ...p, password: PASSWORD });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      username: p.phone,
      name: '王**',
      idNumber: `4601**********${p.idNumber.slice(-4)}`,
      phone: `139****${p.phone.slice(-4)}`,
      assurance: 'realName',
    });
    const row = await db
      .selectFrom('citizens')
      .selectAll()
      .where('user_id', '=', body.id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    for (const clear of [p.idNumber, p.phone, p.name]) expect(stored).not.toContain(clear);
    expect(row.verified_at).toBeInstanceOf(Date);
    expect(await platform.keyring.decrypt(row.id_number_enc, 'citizens.id_number_enc')).toBe(p.idNumber);
    expect(row.phone_bidx).toBe(platform.keyring.blindIndex(p.phone, 'phone'));
    const user = await db.selectFrom('users').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ kind: 'citizen', username: p.phone, display_name: p.name });
    const audit = await db
      .selectFrom('audit_ledger')
      .selectAll()
      .where('action', '=', 'identity.registerCitizen')
      .where('target_id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ assurance: 'realName', verifier: 'mock' });
    expect(JSON.stringify(audit)).not.toContain(p.idNumber.slice(6, 14));
  });

  it('lets the citizen sign in with the phone number as username', async () => {
    const p = person();
    expect((await register({ ...p, password: PASSWORD })).statusCode).toBe(201);
    const headers = await signIn(app, p.phone, PASSWORD);
    const me = await app.inject({ url: '/api/v1/identity/me', headers });
    expect(me.json()).toMatchObject({ username: p.phone, displayName: p.name });
  });

  it('accepts a lowercase x and finds the same person again however the number is typed', async () => {
    const first17 = '11010519491231002';
    const p = { ...person(), idNumber: `${first17}x` };
    expect((await register({ ...p, password: PASSWORD })).json().idNumber).toBe('1101**********002X');
    const again = await register({ ...person(), idNumber: ` ${first17}X `, password: PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ID_NUMBER_TAKEN');
  });

  it('refuses a wrong check digit with ID_NUMBER_INVALID naming the rule, writing nothing', async () => {
    const before = await counts();
    const p = person();
    const wrong = p.idNumber.slice(0, 17) + (p.idNumber[17] === '1' ? '2' : '1');
    const response = await register({ ...p, idNumber: wrong, password: PASSWORD });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'ID_NUMBER_INVALID',
      detail: expect.stringContaining('checkDigit'),
    });
    const future = '46010530000101001';
    const birth = await register({ ...p, idNumber: future + idCardCheckChar(future), password: PASSWORD });
    expect(birth.json()).toMatchObject({
      code: 'ID_NUMBER_INVALID',
      detail: expect.stringContaining('birthDate'),
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a phone that is not a mainland mobile', async () => {
    const response = await register({ ...person(), phone: '12345678901', password: PASSWORD });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('PHONE_INVALID');
  });

  it('refuses a weak password listing every rule it fails, writing nothing', async () => {
    const before = await counts();
    const response = await register({ ...person(), password: 'abc' });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('PASSWORD_TOO_WEAK');
    expect(problem.detail).toBe('body.password fails: minLength, minClasses');
    expect(problem.errors.map((e: { message: string }) => e.message.split(':')[0])).toEqual([
      'minLength',
      'minClasses',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a registered ID number, phone or username with 409, writing nothing', async () => {
    const first = person();
    expect((await register({ ...first, password: PASSWORD })).statusCode).toBe(201);
    const before = await counts();
    const sameId = await register({ ...person(), idNumber: first.idNumber, password: PASSWORD });
    expect([sameId.statusCode, sameId.json().code]).toEqual([409, 'ID_NUMBER_TAKEN']);
    const samePhone = await register({ ...person(), phone: `+86 ${first.phone}`, password: PASSWORD });
    expect([samePhone.statusCode, samePhone.json().code]).toEqual([409, 'PHONE_TAKEN']);
    const demo = await register({ ...person(), phone: '13800000001', password: PASSWORD });
    expect(demo.json().code).toBe('PHONE_TAKEN');
    expect(await counts()).toEqual(before);
  });

  it('refuses a phone already used as a staff username with USERNAME_TAKEN', async () => {
    const p = person();
    await db.transaction().execute((trx) =>
      services.identity.createStaffIfMissing(trx, systemContext('test'), {
        username: p.phone,
        displayName: 'clerk',
        password: PASSWORD,
        roleCodes: [],
      }),
    );
    const response = await register({ ...p, password: PASSWORD });
    expect([response.statusCode, response.json().code]).toEqual([409, 'USERNAME_TAKEN']);
  });

  it('lets exactly one of five identical concurrent registrations through', async () => {
    const before = await counts();
    const payload = { ...person(), password: PASSWORD };
    const responses = await Promise.all(Array.from({ length: 5 }, () => register(payload)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.statusCode === 409)) {
      expect(['ID_NUMBER_TAKEN', 'PHONE_TAKEN', 'USERNAME_TAKEN']).toContain(r.json().code);
    }
    const after = await counts();
    expect([after.users - before.users, after.citizens - before.citizens]).toEqual([1, 1]);
  });

  it('refuses unknown fields', async () => {
    const response = await register({ ...person(), password: PASSWORD, assurance: 'realPerson' });
    expect([response.statusCode, response.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('leaves a citizen the verifier does not confirm at "registered"', async () => {
    const verifier = { name: 'refusing', verify: async () => ({ verified: false, reason: 'no match' }) };
    const citizens = new CitizenService({ ...platform, log: pino({ level: 'silent' }), verifier });
    const view = await citizens.registerCitizen(systemContext('test'), { ...person(), password: PASSWORD });
    expect(view.assurance).toBe('registered');
    const row = await db
      .selectFrom('citizens')
      .selectAll()
      .where('user_id', '=', view.id)
      .executeTakeFirstOrThrow();
    expect([row.assurance, row.verified_at]).toEqual(['registered', null]);
  });

  it('answers 409 when a duplicate commits between the checks and the insert (the unique index decides)', async () => {
    const p = person();
    const verifier = {
      name: 'racing',
      // While this registration is being verified, another one with the same ID number commits.
      verify: async () => {
        expect((await register({ ...person(), idNumber: p.idNumber, password: PASSWORD })).statusCode).toBe(
          201,
        );
        return { verified: true };
      },
    };
    const citizens = new CitizenService({ ...platform, log: pino({ level: 'silent' }), verifier });
    const before = await counts();
    await expect(
      citizens.registerCitizen(systemContext('test'), { ...p, password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'ID_NUMBER_TAKEN', status: 409 });
    const after = await counts();
    expect([after.users - before.users, after.citizens - before.citizens]).toEqual([1, 1]);
  });
});
