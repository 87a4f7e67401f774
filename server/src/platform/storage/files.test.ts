import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { signIn, startTestApp } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';
import { systemContext } from '../http/context.js';
import { DomainError } from '../http/errors.js';
import { FileService } from './file-service.js';
import { LocalFileStorage } from './file-storage.js';
import { filesUnder } from './testing/folders.js';
import { aDocx, aJpeg, anExe, anOfd, aPdf, aPng } from './testing/samples.js';
import { EICAR_TEST_FILE } from './virus-scanner.js';

const MAX_BYTES = 64 * 1024;
const dataDir = mkdtempSync(path.join(tmpdir(), 'tongban-files-api-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const { app, db, services, platform } = await startTestApp({
  DATA_DIR: dataDir,
  FILE_MAX_BYTES: String(MAX_BYTES),
});
const storage = platform.storage as LocalFileStorage;
const zhang = await signIn(app, '13800000001', DEMO_PASSWORD);
const li = await signIn(app, '13800000002', DEMO_PASSWORD);

const upload = (
  headers: Record<string, string>,
  bytes: Buffer,
  name: string,
  options: { purpose?: string; contentType?: string; extra?: Record<string, string> } = {},
) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/files?${new URLSearchParams({ name, purpose: options.purpose ?? 'case-material' })}`,
    headers: {
      ...headers,
      'content-type': options.contentType ?? 'application/octet-stream',
      ...options.extra,
    },
    payload: bytes,
  });
const written = async () => ({
  files: await countRows(db, 'files'),
  audit: await countRows(db, 'audit_ledger'),
  onDisk: filesUnder(storage.root).length,
});

describe('uploading and reading back a file', () => {
  it('round-trips: the download is byte for byte the upload, with its sniffed type and name', async () => {
    const pdf = aPdf('round trip');
    const response = await upload(zhang, pdf, '营业执照（副本）.pdf', { contentType: 'text/plain' });
    expect(response.statusCode, response.body).toBe(201);
    const file = response.json();
    expect(file).toMatchObject({
      name: '营业执照（副本）.pdf',
      mediaType: 'application/pdf',
      extension: 'pdf',
      sizeBytes: pdf.length,
    });
    expect(file.sm3).toMatch(/^[0-9a-f]{64}$/);

    const metadata = await app.inject({ method: 'GET', url: `/api/v1/files/${file.id}`, headers: zhang });
    expect(metadata.statusCode).toBe(200);
    expect(metadata.json()).toEqual(file);

    const content = await app.inject({
      method: 'GET',
      url: `/api/v1/files/${file.id}/content`,
      headers: zhang,
    });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(pdf)).toBe(true);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toBe(
      `attachment; filename="________.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照（副本）.pdf')}`,
    );
    expect(content.headers['cache-control']).toBe('private, no-store');
  });

  it('records the uploader, the purpose and an audit record file.upload', async () => {
    const response = await upload(zhang, aPng(), 'photo.png', { purpose: 'scan' });
    const { id } = response.json();
    const row = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const me = await app.inject({ method: 'GET', url: '/api/v1/identity/me', headers: zhang });
    expect(row).toMatchObject({
      owner_user_id: me.json().id,
      purpose: 'scan',
      scan_status: 'clean',
      storage_key: id,
    });
    const audit = await db
      .selectFrom('audit_ledger')
      .selectAll()
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'file.upload', target_type: 'file', actor_id: me.json().id });
    expect(audit.details).toMatchObject({ mediaType: 'image/png', purpose: 'scan' });
    expect(JSON.stringify(audit.details)).not.toContain('photo');
  });

  it('keeps the name as a path-free file name and the extension in lower case', async () => {
    const response = await upload(zhang, aJpeg(), 'C:\\fakepath\\身份证 正面.JPEG');
    expect(response.json()).toMatchObject({
      name: '身份证 正面.JPEG',
      extension: 'jpeg',
      mediaType: 'image/jpeg',
    });
  });

  it('accepts OFD and Office documents by their structure', async () => {
    expect((await upload(zhang, anOfd(), '电子证照.ofd')).json()).toMatchObject({
      mediaType: 'application/ofd',
    });
    expect((await upload(zhang, aDocx(), '申请书.docx')).json()).toMatchObject({ extension: 'docx' });
  });

  it('replays an upload retried with the same Idempotency-Key instead of storing it twice', async () => {
    const before = await written();
    const first = await upload(zhang, aPdf('retry'), 'retry.pdf', {
      extra: { 'idempotency-key': 'upload-1' },
    });
    const again = await upload(zhang, aPdf('retry'), 'retry.pdf', {
      extra: { 'idempotency-key': 'upload-1' },
    });
    expect(first.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await written()).toEqual({
      files: before.files + 1,
      audit: before.audit + 1,
      onDisk: before.onDisk + 1,
    });
  });
});

describe('encryption at rest', () => {
  it('never stores the plaintext: neither the bytes on disk nor the name in the database', async () => {
    const marker = 'PLAINTEXT-MARKER-460106199001010017';
    const { id } = (await upload(zhang, aPdf(marker), `${marker}.pdf`)).json();
    const onDisk = readFileSync(storage.pathOf(id));
    expect(onDisk.includes(marker)).toBe(false);
    expect(onDisk.includes('%PDF')).toBe(false);
    const row = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(marker);
    expect(row.data_key).toMatch(/^dek-/); // sealed by the keyring's active field key
  });

  it('detects a flipped bit in the stored bytes and never returns them', async () => {
    const { id } = (await upload(zhang, aPdf('tamper'), 'tamper.pdf')).json();
    const file = storage.pathOf(id);
    const sealed = readFileSync(file);
    sealed[40]! ^= 0x01;
    writeFileSync(file, sealed);
    const response = await app.inject({ method: 'GET', url: `/api/v1/files/${id}/content`, headers: zhang });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'FILE_INTEGRITY_FAILED' });
    expect(response.body).not.toContain('tamper)');
  });

  it('detects stored bytes swapped for those of another file, and a missing file', async () => {
    const a = (await upload(zhang, aPdf('file a'), 'a.pdf')).json().id;
    const b = (await upload(zhang, aPdf('file b'), 'b.pdf')).json().id;
    writeFileSync(storage.pathOf(a), readFileSync(storage.pathOf(b)));
    await expect(services.files.read(a)).rejects.toMatchObject({ code: 'FILE_INTEGRITY_FAILED' });
    await storage.delete(b);
    await expect(services.files.read(b)).rejects.toMatchObject({ code: 'FILE_INTEGRITY_FAILED' });
  });

  it('checks the recorded SM3 and the sealed data key as well as the seal', async () => {
    const digest = (await upload(zhang, aPdf('digest'), 'digest.pdf')).json().id;
    await db
      .updateTable('files')
      .set({ sm3: '0'.repeat(64) })
      .where('id', '=', digest)
      .execute();
    await expect(services.files.read(digest)).rejects.toMatchObject({ code: 'FILE_INTEGRITY_FAILED' });
    // another file's data key, sealed for another row: it opens, but not this file's bytes
    const [a, b] = [
      (await upload(zhang, aPdf('a'), 'a.pdf')).json().id,
      (await upload(zhang, aPdf('b'), 'b.pdf')).json().id,
    ];
    const other = await db
      .selectFrom('files')
      .select('data_key')
      .where('id', '=', b)
      .executeTakeFirstOrThrow();
    await db.updateTable('files').set({ data_key: other.data_key }).where('id', '=', a).execute();
    await expect(services.files.read(a)).rejects.toMatchObject({ code: 'FILE_INTEGRITY_FAILED' });
    const { data_key } = await db
      .selectFrom('files')
      .select('data_key')
      .where('id', '=', b)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('files')
      .set({ data_key: `${data_key.slice(0, -4)}AAAA` })
      .where('id', '=', b)
      .execute();
    await expect(services.files.read(b)).rejects.toMatchObject({ code: 'FILE_INTEGRITY_FAILED' });
  });
});

describe('refused uploads store nothing', () => {
  let before: Awaited<ReturnType<typeof written>>;
  beforeEach(async () => {
    before = await written();
  });
  const expectNothingWritten = async () => expect(await written()).toEqual(before);

  it('refuses the EICAR test file with 422 FILE_INFECTED, even named as a PDF', async () => {
    for (const [bytes, name] of [
      [EICAR_TEST_FILE, 'eicar.com'],
      [Buffer.concat([EICAR_TEST_FILE, aPdf()]), 'looks-fine.pdf'],
    ] as const) {
      const response = await upload(zhang, bytes, name);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'FILE_INFECTED', title: '文件未通过病毒查杀，已拒绝' });
    }
    await expectNothingWritten();
  });

  it('leaves an empty storage folder when every upload was refused', async () => {
    const empty = new LocalFileStorage(mkdtempSync(path.join(dataDir, 'empty-')));
    const files = new FileService(db, platform.keyring, empty, { maxBytes: MAX_BYTES });
    const refused = [
      { name: 'eicar.com', bytes: EICAR_TEST_FILE },
      { name: 'x.pdf', bytes: anExe() },
      { name: 'x.pdf', bytes: Buffer.alloc(0) },
      { name: 'x.pdf', bytes: Buffer.concat([aPdf(), Buffer.alloc(MAX_BYTES)]) },
    ];
    for (const upload of refused) {
      await expect(
        files.upload(systemContext('test'), { ...upload, purpose: 'scan' }),
      ).rejects.toBeInstanceOf(DomainError);
    }
    expect(filesUnder(empty.root)).toEqual([]);
    await expectNothingWritten();
  });

  it('refuses a .pdf that is really an executable with 415 FILE_TYPE_NOT_ALLOWED and a Chinese title', async () => {
    const response = await upload(zhang, anExe(), '申请表.pdf');
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      title: '不支持的文件类型，或文件内容与扩展名不符',
    });
    await expectNothingWritten();
  });

  it('refuses content that disagrees with the extension, and a name without one', async () => {
    for (const [bytes, name] of [
      [aPng(), 'photo.jpg'],
      [aPdf(), 'scan.png'],
      [aDocx(), 'sheet.xlsx'],
      [aPdf(), 'scan'],
      [Buffer.from('just text'), 'note.txt'],
    ] as const) {
      const response = await upload(zhang, bytes, name);
      expect(response.statusCode, name).toBe(415);
    }
    const english = await upload(zhang, aPng(), 'photo.jpg', { extra: { 'accept-language': 'en-US' } });
    expect(english.json().title).toBe(
      'The file type is not accepted, or the content does not match the file extension',
    );
    await expectNothingWritten();
  });

  it('refuses a file over FILE_MAX_BYTES with 413 FILE_TOO_LARGE, at the route and in the service', async () => {
    const large = Buffer.concat([aPdf(), Buffer.alloc(MAX_BYTES)]);
    const response = await upload(zhang, large, 'large.pdf');
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'FILE_TOO_LARGE', title: '文件大小超过上限' });
    const exactlyMax = Buffer.concat([aPdf(), Buffer.alloc(MAX_BYTES - aPdf().length)]);
    expect((await upload(zhang, exactlyMax, 'max.pdf')).statusCode).toBe(201);
    before = await written();
    await expect(
      services.files.upload(systemContext('test'), { name: 'large.pdf', bytes: large, purpose: 'scan' }),
    ).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    await expectNothingWritten();
  });

  it('refuses an empty file with 400 FILE_EMPTY and a bad name or purpose with 400', async () => {
    expect((await upload(zhang, Buffer.alloc(0), 'empty.pdf')).json()).toMatchObject({
      status: 400,
      code: 'FILE_EMPTY',
    });
    expect((await upload(zhang, aPdf(), '../')).json()).toMatchObject({
      status: 400,
      code: 'FILE_NAME_INVALID',
    });
    expect((await upload(zhang, aPdf(), 'a.pdf', { purpose: 'Case Material!' })).json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    await expectNothingWritten();
  });

  it('removes the stored bytes when the transaction fails', async () => {
    await sql`create function refuse_files() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`.execute(
      db,
    );
    await sql`create trigger refuse_files before insert on files for each row execute function refuse_files()`.execute(
      db,
    );
    try {
      await expect(
        services.files.upload(systemContext('test'), { name: 'a.pdf', bytes: aPdf(), purpose: 'scan' }),
      ).rejects.toThrow(/refused/);
    } finally {
      await sql`drop trigger refuse_files on files`.execute(db);
      await sql`drop function refuse_files()`.execute(db);
    }
    await expectNothingWritten();
  });
});

describe('who may read a file', () => {
  it('answers 404 FILE_NOT_FOUND to anyone but the uploader, as for a missing file', async () => {
    const { id } = (await upload(zhang, aPdf('mine'), 'mine.pdf')).json();
    for (const url of [`/api/v1/files/${id}`, `/api/v1/files/${id}/content`]) {
      const response = await app.inject({ method: 'GET', url, headers: li });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'FILE_NOT_FOUND', title: '文件不存在' });
    }
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/files/0193a2b4-0000-7000-8000-000000000000',
      headers: li,
    });
    expect(missing.json()).toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('answers 401 without a session', async () => {
    const { id } = (await upload(zhang, aPdf(), 'x.pdf')).json();
    expect((await upload({}, aPdf(), 'x.pdf')).statusCode).toBe(401);
    // refused before the body is read, so also when it is over the limit
    expect((await upload({}, Buffer.alloc(MAX_BYTES + 1), 'x.pdf')).json()).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect((await app.inject({ method: 'GET', url: `/api/v1/files/${id}` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/api/v1/files/${id}/content` })).statusCode).toBe(401);
  });

  it('tells the case engine who owns a file', async () => {
    const { id } = (await upload(zhang, aPdf(), 'x.pdf')).json();
    const me = (await app.inject({ method: 'GET', url: '/api/v1/identity/me', headers: zhang })).json();
    expect(await services.files.ownedBy(id, me.id)).toBe(true);
    expect(await services.files.ownedBy(id, '0193a2b4-0000-7000-8000-000000000000')).toBe(false);
    expect(await services.files.ownedBy('not-a-uuid', me.id)).toBe(false);
    expect(await services.files.get('0193a2b4-0000-7000-8000-000000000000')).toBeNull();
    const many = await services.files.getMany([id, id, 'not-a-uuid', '0193a2b4-0000-7000-8000-000000000000']);
    expect([...many.keys()]).toEqual([id]);
    expect(many.get(id)).toMatchObject({
      ownerUserId: me.id,
      name: 'x.pdf',
      extension: 'pdf',
      mediaType: 'application/pdf',
    });
  });

  it('lets the system store files that belong to no user', async () => {
    const file = await services.files.upload(systemContext('receipts'), {
      name: '受理回执.pdf',
      bytes: aPdf('receipt'),
      purpose: 'receipt',
    });
    expect(file.ownerUserId).toBeNull();
    expect((await services.files.read(file.id)).equals(aPdf('receipt'))).toBe(true);
    await expect(services.files.read('0193a2b4-0000-7000-8000-000000000000')).rejects.toBeInstanceOf(
      DomainError,
    );
  });
});
