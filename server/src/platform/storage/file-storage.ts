import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { sm3Hex } from '../crypto/sm3.js';

/**
 * 文件存储端口 — where file bytes live. Callers hand over bytes that are already sealed (FileService
 * encrypts before `put`), so an adapter never sees personal data in the clear.
 *
 * Adapters: `LocalFileStorage` (a folder, default `DATA_DIR/files`). S3 adapter: planned — an
 * S3-compatible object store (MinIO, or a cloud's S3 API) behind this same interface when `S3_URL` is set,
 * so several nodes share one store; until it exists, setting `S3_URL` stops start-up.
 */
export interface FileStorage {
  /** Stores `bytes` under `key`, atomically: after a crash the key holds all of them or nothing. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are opaque ids (FileService uses the file's UUID): no dots or slashes, so no path tricks. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/;

export function assertStorageKey(key: string): void {
  if (typeof key !== 'string' || !KEY.test(key))
    throw new TypeError(`Invalid storage key ${JSON.stringify(key)}`);
}

/**
 * Files in a local folder, sharded by the SM3 of the key into 256 × 256 subfolders
 * (`files/3f/a2/<key>`) so no folder grows past a few hundred entries at millions of files.
 * A write goes to a temporary file beside its target (`.<key>.<random>.tmp`), is flushed to disk and then
 * renamed over the key, so a crash never leaves half a file under a key; left-over `.tmp` files of a crash
 * are safe to delete. Folders are created on first write, owner-only.
 */
export class LocalFileStorage implements FileStorage {
  constructor(readonly root: string) {}

  /** Where the bytes of `key` live on disk. */
  pathOf(key: string): string {
    assertStorageKey(key);
    const shard = sm3Hex(key);
    return path.join(this.root, shard.slice(0, 2), shard.slice(2, 4), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const folder = path.dirname(target);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temporary = path.join(folder, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncFolder(folder);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** Makes a rename durable (the folder entry is on disk); best effort where folders cannot be opened. */
async function syncFolder(folder: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // not supported on this platform/file system: the rename itself is still atomic
  } finally {
    await handle?.close();
  }
}

/** The storage configured for this node: the local folder `DATA_DIR/files` (S3 adapter: planned). */
export function openFileStorage(config: { dataDir: string }): FileStorage {
  return new LocalFileStorage(path.join(config.dataDir, 'files'));
}
