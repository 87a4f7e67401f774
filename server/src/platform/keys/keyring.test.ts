import { describe, expect, it } from 'vitest';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD, TEST_MASTER_KEY } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';
import { Keyring } from './keyring.js';

const t = await startTestApp();
const { app, db, platform } = t;
const { keyring } = platform;
const ID = '460100199001011234';

describe('personal-data keyring', () => {
  it('encrypts a field so the clear value is nowhere in the ciphertext, and decrypts it', async () => {
    const sealed = keyring.encrypt(ID, 'users.id_number');
    expect(sealed.startsWith(`${keyring.activeKeyId}.`)).toBe(true);
    expect(sealed).not.toContain(ID);
    expect(await keyring.decrypt(sealed, 'users.id_number')).toBe(ID);
    await expect(keyring.decrypt(sealed, 'users.phone')).rejects.toThrow();
  });

  it('rotates through the API: old values still decrypt, new ones use the new key, blind indexes hold', async () => {
    const before = keyring.encrypt(ID, 'users.id_number');
    const indexBefore = keyring.blindIndex(ID, 'idNumber');
    const oldKey = keyring.activeKeyId;
    const headers = await signIn(app, 'secadmin', 'Tongban@2026');
    const response = await app.inject({ method: 'POST', url: '/api/v1/security/keys/rotate', headers });
    expect(response.statusCode).toBe(200);
    const newKey = response.json().activeKeyId as string;
    expect(newKey).not.toBe(oldKey);
    expect(keyring.activeKeyId).toBe(newKey);
    expect(await keyring.decrypt(before, 'users.id_number')).toBe(ID);
    expect(keyring.needsRotation(before)).toBe(true);
    expect(keyring.encrypt(ID, 'users.id_number').startsWith(`${newKey}.`)).toBe(true);
    expect(keyring.blindIndex(` ${ID.slice(0, 17)}${ID.slice(17)} `, 'idNumber')).toBe(indexBefore);
    const list = (await app.inject({ url: '/api/v1/security/keys', headers })).json();
    expect(
      list.items.filter(
        (k: { purpose: string; state: string }) => k.purpose === 'field' && k.state === 'active',
      ),
    ).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain('wrapped');
    const audit = await db
      .selectFrom('audit_ledger')
      .selectAll()
      .where('action', '=', 'security.rotateDataKey')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('lets another node decrypt a value sealed under a key it has not loaded yet', async () => {
    const otherNode = new Keyring(db, Buffer.from(TEST_MASTER_KEY, 'hex'));
    await otherNode.load();
    await keyring.rotate({ requestId: 'test', ip: null, locale: 'zh-CN', actor: null });
    const sealed = keyring.encrypt('13800138000', 'users.phone');
    expect(await otherNode.decrypt(sealed, 'users.phone')).toBe('13800138000');
  });

  it('refuses to start with a different master key', async () => {
    const wrong = new Keyring(db, Buffer.alloc(32, 7));
    await expect(wrong.load()).rejects.toThrow(/master key does not match/);
  });

  it('refuses rotation to the system administrator and writes nothing', async () => {
    const keysBefore = await countRows(db, 'data_keys');
    const headers = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const response = await app.inject({ method: 'POST', url: '/api/v1/security/keys/rotate', headers });
    expect(response.statusCode).toBe(403);
    expect(await countRows(db, 'data_keys')).toBe(keysBefore);
  });
});
