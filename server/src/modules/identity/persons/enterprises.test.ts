import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { demoCitizens, demoEnterprise } from '../../../demo/demo-data.js';
import { idCardCheckChar } from '../../../shared/validation/id-card.js';
import { usccCheckChar } from '../../../shared/validation/uscc.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../../test/test-app.js';
import { countRows } from '../../../test/test-database.js';

const { app, db } = await startTestApp();
const PASSWORD = 'Citizen@2026';
let serial = 0;

/** A registered, signed-in citizen with a fresh ID number and phone. */
async function citizen() {
  serial++;
  const first17 = `46010719800101${String(serial).padStart(3, '0')}`;
  const p = {
    name: '赵六',
    idNumber: first17 + idCardCheckChar(first17),
    phone: `1370000${String(serial).padStart(4, '0')}`,
  };
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/identity/citizens',
    payload: { ...p, password: PASSWORD },
  });
  expect(response.statusCode).toBe(201);
  return { ...p, id: response.json().id as string, headers: await signIn(app, p.phone, PASSWORD) };
}

function uscc() {
  const first17 = `91460100TB${String(++serial).padStart(6, '0')}0`;
  return first17 + usccCheckChar(first17);
}

function post(url: string, headers: Record<string, string>, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url, headers, payload });
}

const myEnterprises = async (headers: Record<string, string>) =>
  (await app.inject({ url: '/api/v1/identity/me/enterprises', headers })).json().items;

async function enterpriseOf(rep: Awaited<ReturnType<typeof citizen>>) {
  const payload = { name: '示范企业', uscc: uscc(), legalRepresentativeIdNumber: rep.idNumber };
  const response = await post('/api/v1/identity/enterprises', rep.headers, payload);
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

describe('enterprises', () => {
  it('loads the demo enterprise: 张三 represents it, 李四 is its agent', async () => {
    const [zhang, li] = demoCitizens;
    const zhangList = await myEnterprises(await signIn(app, zhang.phone, 'Tongban@2026'));
    expect(zhangList).toEqual([expect.objectContaining({ ...demoEnterprise, role: 'legalRepresentative' })]);
    const liList = await myEnterprises(await signIn(app, li.phone, 'Tongban@2026'));
    expect(liList).toEqual([expect.objectContaining({ ...demoEnterprise, role: 'agent' })]);
  });

  it('lets a real-name citizen register an enterprise they represent', async () => {
    const rep = await citizen();
    const code = uscc();
    const payload = {
      name: '海口示范有限公司',
      uscc: code.toLowerCase(),
      legalRepresentativeIdNumber: rep.idNumber,
    };
    const response = await post('/api/v1/identity/enterprises', rep.headers, payload);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      name: '海口示范有限公司',
      uscc: code,
      legalRepresentative: { name: '赵*' },
    });
    expect(await myEnterprises(rep.headers)).toEqual([
      expect.objectContaining({ uscc: code, role: 'legalRepresentative' }),
    ]);
    const row = await db
      .selectFrom('enterprises')
      .selectAll()
      .where('uscc', '=', code)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(rep.idNumber);
    expect(JSON.stringify(row)).not.toContain(rep.name);
    const again = await post('/api/v1/identity/enterprises', rep.headers, { ...payload, uscc: code });
    expect([again.statusCode, again.json().code]).toEqual([409, 'USCC_TAKEN']);
  });

  it('refuses someone who is not the legal representative, a bad USCC and a low assurance, writing nothing', async () => {
    const caller = await citizen();
    const other = await citizen();
    const admin = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const before = [await countRows(db, 'enterprises'), await countRows(db, 'audit_ledger')];
    const base = { name: '某公司', uscc: uscc(), legalRepresentativeIdNumber: caller.idNumber };
    const notRep = await post('/api/v1/identity/enterprises', caller.headers, {
      ...base,
      legalRepresentativeIdNumber: other.idNumber,
    });
    expect([notRep.statusCode, notRep.json().code]).toEqual([403, 'NOT_LEGAL_REPRESENTATIVE']);
    const badUscc = await post('/api/v1/identity/enterprises', caller.headers, {
      ...base,
      uscc: `${base.uscc.slice(0, 17)}${base.uscc[17] === '0' ? '1' : '0'}`,
    });
    expect([badUscc.statusCode, badUscc.json().code]).toEqual([400, 'USCC_INVALID']);
    await sql`update citizens set assurance = 'registered' where user_id = ${caller.id}`.execute(db);
    const low = await post('/api/v1/identity/enterprises', caller.headers, base);
    expect([low.statusCode, low.json().code]).toEqual([403, 'ASSURANCE_TOO_LOW']);
    const staff = await post('/api/v1/identity/enterprises', admin, base);
    expect([staff.statusCode, staff.json().code]).toEqual([403, 'CITIZEN_ACCOUNT_REQUIRED']);
    const anonymous = await post('/api/v1/identity/enterprises', {}, base);
    expect(anonymous.statusCode).toBe(401);
    expect([await countRows(db, 'enterprises'), await countRows(db, 'audit_ledger')]).toEqual(before);
  });
});

describe('enterprise agents (经办人)', () => {
  it('lets the legal representative authorise, revoke and re-authorise an agent by phone', async () => {
    const rep = await citizen();
    const agent = await citizen();
    const id = await enterpriseOf(rep);
    const url = `/api/v1/identity/enterprises/${id}/agents`;
    const granted = await post(url, rep.headers, { phone: agent.phone });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({
      userId: agent.id,
      role: 'agent',
      name: '赵*',
      phone: `137****${agent.phone.slice(-4)}`,
    });
    expect(await myEnterprises(agent.headers)).toEqual([expect.objectContaining({ id, role: 'agent' })]);
    const twice = await post(url, rep.headers, { phone: agent.phone });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'AGENT_ALREADY_AUTHORISED']);

    const revoke = () => app.inject({ method: 'DELETE', url: `${url}/${agent.id}`, headers: rep.headers });
    expect((await revoke()).statusCode).toBe(204);
    expect(await myEnterprises(agent.headers)).toEqual([]);
    expect([(await revoke()).statusCode, (await revoke()).json().code]).toEqual([404, 'NOT_FOUND']);
    expect((await post(url, rep.headers, { phone: agent.phone })).statusCode).toBe(201);

    const self = await app.inject({ method: 'DELETE', url: `${url}/${rep.id}`, headers: rep.headers });
    expect([self.statusCode, self.json().code]).toEqual([409, 'LEGAL_REPRESENTATIVE_NOT_REVOCABLE']);
    const actions = await db
      .selectFrom('audit_ledger')
      .select('action')
      .where('target_id', '=', id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'identity.registerEnterprise',
      'identity.authoriseAgent',
      'identity.revokeAgent',
      'identity.authoriseAgent',
    ]);
  });

  it('refuses authorisation by anyone but the legal representative, writing nothing', async () => {
    const rep = await citizen();
    const agent = await citizen();
    const outsider = await citizen();
    const id = await enterpriseOf(rep);
    const url = `/api/v1/identity/enterprises/${id}/agents`;
    expect((await post(url, rep.headers, { phone: agent.phone })).statusCode).toBe(201);
    const before = [await countRows(db, 'enterprise_agents'), await countRows(db, 'audit_ledger')];
    for (const caller of [agent, outsider]) {
      const response = await post(url, caller.headers, { phone: outsider.phone });
      expect([response.statusCode, response.json().code]).toEqual([403, 'NOT_LEGAL_REPRESENTATIVE']);
    }
    const revoke = await app.inject({
      method: 'DELETE',
      url: `${url}/${agent.id}`,
      headers: outsider.headers,
    });
    expect(revoke.statusCode).toBe(403);
    const unknown = await post(url, rep.headers, { phone: '13699999999' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'CITIZEN_NOT_FOUND']);
    const missing = await post(`/api/v1/identity/enterprises/${agent.id}/agents`, rep.headers, {
      phone: agent.phone,
    });
    expect(missing.statusCode).toBe(404);
    expect([await countRows(db, 'enterprise_agents'), await countRows(db, 'audit_ledger')]).toEqual(before);
  });
});
