import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFileStorage } from './file-storage.js';
import { filesUnder } from './testing/folders.js';

const root = mkdtempSync(path.join(tmpdir(), 'tongban-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('local file storage', () => {
  const storage = new LocalFileStorage(path.join(root, 'files'));

  it('stores, reads and deletes bytes under a key', async () => {
    await storage.put('0193a2b4-0000-7000-8000-000000000001', Buffer.from('sealed bytes'));
    expect((await storage.get('0193a2b4-0000-7000-8000-000000000001'))?.toString()).toBe('sealed bytes');
    await storage.delete('0193a2b4-0000-7000-8000-000000000001');
    expect(await storage.get('0193a2b4-0000-7000-8000-000000000001')).toBeNull();
    await storage.delete('0193a2b4-0000-7000-8000-000000000001'); // again: not an error
  });

  it('shards keys into two levels of folders and leaves no temporary file behind', async () => {
    await storage.put('key-a', Buffer.from('a'));
    await storage.put('key-b', Buffer.from('b'));
    const files = filesUnder(storage.root);
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/key-[ab]$/);
    expect(storage.pathOf('key-a')).toBe(path.join(storage.root, files.find((f) => f.endsWith('key-a'))!));
  });

  it('replaces a key whole: a reader sees the old or the new bytes, never a mix', async () => {
    await storage.put('key-c', Buffer.alloc(1 << 20, 1));
    const writing = storage.put('key-c', Buffer.alloc(1 << 20, 2));
    const during = await storage.get('key-c');
    await writing;
    expect(new Set(during).size).toBe(1);
    expect((await storage.get('key-c'))![0]).toBe(2);
  });

  it('removes its temporary file when the write fails', async () => {
    const blocked = new LocalFileStorage(path.join(root, 'blocked'));
    // a non-empty folder where the bytes of key-d belong: the final rename fails
    mkdirSync(blocked.pathOf('key-d'), { recursive: true });
    writeFileSync(path.join(blocked.pathOf('key-d'), 'occupied'), '');
    await expect(blocked.put('key-d', Buffer.from('d'))).rejects.toThrow();
    expect(filesUnder(blocked.root)).toEqual([
      path.relative(blocked.root, path.join(blocked.pathOf('key-d'), 'occupied')),
    ]);
  });

  it.each(['../escape', 'a/b', '.hidden', '', 'x'.repeat(201), 'key.tmp'])(
    'refuses the key %j',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
    },
  );
});
