import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { appendAudit } from '../audit/ledger.js';
import { CryptoIntegrityError } from '../crypto/errors.js';
import { sm3Hex } from '../crypto/sm3.js';
import { sm4Open, sm4Seal } from '../crypto/sm4.js';
import type { Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { type Trx, withTransaction } from '../db/transaction.js';
import type { RequestContext } from '../http/context.js';
import { DomainError } from '../http/errors.js';
import type { Platform } from '../kernel.js';
import type { Keyring } from '../keys/keyring.js';
import './errors.js';
import { extensionOf, sanitiseFileName } from './file-name.js';
import type { FileStorage } from './file-storage.js';
import { FILE_TYPES, fileTypeOfExtension, sniffFileType } from './file-types.js';
import type { FilesTable } from './migrations.js';
import { SignatureScanner, type VirusScanner } from './virus-scanner.js';

/** A stored file's metadata (文件). The bytes come from `FileService.read`. */
export interface StoredFile {
  id: string;
  /** The uploader; null for files the system made. */
  ownerUserId: string | null;
  /** The sanitised original file name. */
  name: string;
  /** Sniffed from the content at upload. */
  mediaType: string;
  /** Lower case, as declared by the name; agrees with `mediaType`. */
  extension: string;
  sizeBytes: number;
  /** SM3 of the content, hex. */
  sm3: string;
  scanStatus: 'clean' | 'infected';
  purpose: string;
  createdAt: Date;
}

export interface UploadRequest {
  /** The original file name as the client sent it; it is sanitised, and its extension must match the content. */
  name: string;
  bytes: Uint8Array;
  /** What the file is for, e.g. `case-material`. */
  purpose: string;
}

export interface FileServiceOptions {
  /** Largest accepted file (FILE_MAX_BYTES). */
  maxBytes: number;
  scanner?: VirusScanner;
  log?: Logger;
}

/** A label such as `case-material`, `scan`, `licence-attachment`. */
export const PURPOSE_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME_CONTEXT = 'files.name';
const DATA_KEY_CONTEXT = 'files.data_key';
const DATA_KEY_BYTES = 32;

/** Associated data of a file's seal: its bytes only open as the file they were stored for. */
const sealAad = (fileId: string) => Buffer.from(`tongban/file/v1\0${fileId}`, 'utf8');

/**
 * 文件服务 — uploads and reads of files such as 申请材料 and scanned paper materials.
 *
 * At rest every file is SM4-sealed (SM4-CTR + HMAC-SM3, `sm4Seal`) under its own random 32-byte data key;
 * that key is sealed by the keyring's active personal-data key and kept in the row (`data_key`), never next
 * to the bytes. A stolen disk or bucket alone reveals nothing, a key rotation re-wraps 32 bytes per file
 * instead of re-encrypting files, and the seal binds the bytes to the file id. The SM3 of the plaintext is
 * kept too and checked on every read, after the seal's own authentication: altered bytes are never returned.
 */
export class FileService {
  readonly maxBytes: number;
  private readonly scanner: VirusScanner;
  private readonly log: Logger | undefined;

  constructor(
    private readonly db: Db,
    private readonly keyring: Keyring,
    private readonly storage: FileStorage,
    options: FileServiceOptions,
  ) {
    this.maxBytes = options.maxBytes;
    this.scanner = options.scanner ?? new SignatureScanner();
    this.log = options.log;
  }

  /**
   * Checks, scans, seals and stores one file, owned by the caller. Refuses, writing nothing: an empty file
   * (FILE_EMPTY), one over the size limit (FILE_TOO_LARGE), one the scanner flags (FILE_INFECTED), content
   * of a type not accepted or not matching the name's extension (FILE_TYPE_NOT_ALLOWED). The bytes are
   * written before the transaction (row + audit `file.upload`) and removed again if it fails.
   */
  async upload(ctx: RequestContext, request: UploadRequest): Promise<StoredFile> {
    const name = sanitiseFileName(request.name);
    if (!name) throw new DomainError('FILE_NAME_INVALID', {}, 'Nothing is left of the file name');
    if (!PURPOSE_PATTERN.test(request.purpose)) {
      throw new DomainError('VALIDATION_FAILED', {}, `purpose must match ${PURPOSE_PATTERN}`, [
        { field: 'purpose', message: `must match ${PURPOSE_PATTERN}` },
      ]);
    }
    const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
    if (bytes.length === 0) throw new DomainError('FILE_EMPTY');
    if (bytes.length > this.maxBytes) {
      throw new DomainError('FILE_TOO_LARGE', { maxBytes: this.maxBytes }, tooLarge(this.maxBytes));
    }
    // Scan first: whatever the content claims to be, malware is reported as such.
    const scan = await this.scanner.scan(bytes);
    if (!scan.clean) {
      this.log?.warn(
        { userId: ctx.actor?.userId ?? null, requestId: ctx.requestId, signature: scan.signature },
        'upload refused: the virus scanner flagged it',
      );
      throw new DomainError('FILE_INFECTED', { signature: scan.signature }, `Found ${scan.signature}`);
    }
    const extension = extensionOf(name);
    const sniffed = sniffFileType(bytes);
    if (!sniffed.type) {
      throw new DomainError(
        'FILE_TYPE_NOT_ALLOWED',
        {},
        `The content is ${sniffed.reason}; accepted: ${accepted()}`,
      );
    }
    if (fileTypeOfExtension(extension) !== sniffed.type) {
      throw new DomainError(
        'FILE_TYPE_NOT_ALLOWED',
        {},
        `The content is ${sniffed.type} but the name ends in ${extension ? `.${extension}` : 'no extension'}`,
      );
    }

    const id = uuidv7();
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const row: FilesTable = {
      id,
      owner_user_id: ownerOf(ctx),
      name: this.keyring.encrypt(name, NAME_CONTEXT),
      media_type: FILE_TYPES[sniffed.type].mediaType,
      extension,
      size_bytes: bytes.length,
      sm3: sm3Hex(bytes),
      storage_key: id,
      data_key: this.keyring.encrypt(dataKey.toString('base64'), DATA_KEY_CONTEXT),
      scan_status: 'clean',
      purpose: request.purpose,
      created_at: new Date(),
    };
    await this.storage.put(row.storage_key, sm4Seal(dataKey, bytes, sealAad(id)));
    try {
      await withTransaction(this.db, async (trx) => {
        await trx.insertInto('files').values(row).execute();
        await appendAudit(trx, ctx, {
          action: 'file.upload',
          target: { type: 'file', id },
          details: {
            mediaType: row.media_type,
            sizeBytes: row.size_bytes,
            sm3: row.sm3,
            purpose: row.purpose,
          },
          change: {
            name,
            mediaType: row.media_type,
            sizeBytes: row.size_bytes,
            sm3: row.sm3,
            purpose: row.purpose,
          },
        });
      });
    } catch (error) {
      await this.storage.delete(row.storage_key).catch((cleanup: unknown) => {
        this.log?.error(
          { err: cleanup, storageKey: row.storage_key },
          'could not remove the bytes of a failed upload',
        );
      });
      throw error;
    }
    return toStoredFile(row, name);
  }

  /** The file's metadata, or null when there is no such file. */
  async get(fileId: string): Promise<StoredFile | null> {
    const row = await this.row(fileId);
    return row ? toStoredFile(row, await this.keyring.decrypt(row.name, NAME_CONTEXT)) : null;
  }

  /**
   * Metadata of several files at once (e.g. a case's materials), by id; unknown ids are left out. `conn`: the
   * caller's transaction, when it has one open (PGlite has a single connection).
   */
  async getMany(fileIds: readonly string[], conn: Db | Trx = this.db): Promise<Map<string, StoredFile>> {
    const ids = [...new Set(fileIds)].filter((id) => UUID.test(id));
    const found = new Map<string, StoredFile>();
    if (ids.length === 0) return found;
    const rows = await conn.selectFrom('files').selectAll().where('id', 'in', ids).execute();
    for (const row of rows) {
      found.set(row.id, toStoredFile(row, await this.keyring.decrypt(row.name, NAME_CONTEXT)));
    }
    return found;
  }

  /**
   * The file's bytes, verified: the seal must authenticate and the SM3 of what it opens to must equal the
   * one recorded at upload, else FILE_INTEGRITY_FAILED (logged as an error). FILE_NOT_FOUND when absent,
   * FILE_INFECTED for a file later marked infected.
   */
  async read(fileId: string): Promise<Buffer> {
    const row = await this.row(fileId);
    if (!row) throw new DomainError('FILE_NOT_FOUND');
    if (row.scan_status !== 'clean') throw new DomainError('FILE_INFECTED');
    const sealed = await this.storage.get(row.storage_key);
    if (!sealed) return this.integrityFailure(row, 'the stored bytes are missing');
    let bytes: Buffer;
    try {
      const dataKey = Buffer.from(await this.keyring.decrypt(row.data_key, DATA_KEY_CONTEXT), 'base64');
      bytes = sm4Open(dataKey, sealed, sealAad(row.id));
    } catch (error) {
      if (error instanceof CryptoIntegrityError) return this.integrityFailure(row, error.message);
      throw error;
    }
    if (bytes.length !== row.size_bytes || sm3Hex(bytes) !== row.sm3) {
      return this.integrityFailure(row, 'the content does not match its recorded SM3');
    }
    return bytes;
  }

  /** Whether `userId` uploaded the file (false for a missing file). */
  async ownedBy(fileId: string, userId: string): Promise<boolean> {
    if (!UUID.test(fileId)) return false;
    const row = await this.db
      .selectFrom('files')
      .select('owner_user_id')
      .where('id', '=', fileId)
      .executeTakeFirst();
    return row !== undefined && row.owner_user_id !== null && row.owner_user_id === userId;
  }

  private async row(fileId: string): Promise<FilesTable | undefined> {
    if (!UUID.test(fileId)) return undefined;
    return this.db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst();
  }

  private integrityFailure(row: FilesTable, why: string): never {
    this.log?.error(
      { fileId: row.id, storageKey: row.storage_key, why },
      'stored file failed its integrity check',
    );
    throw new DomainError('FILE_INTEGRITY_FAILED', { fileId: row.id }, `File ${row.id}: ${why}`);
  }
}

/** The FileService of a platform: its storage, its keyring, FILE_MAX_BYTES and the EICAR signature scanner. */
export function createFileService(
  platform: Pick<Platform, 'db' | 'keyring' | 'storage' | 'config' | 'log'>,
  scanner: VirusScanner = new SignatureScanner(),
): FileService {
  return new FileService(platform.db, platform.keyring, platform.storage, {
    maxBytes: platform.config.fileMaxBytes,
    scanner,
    log: platform.log,
  });
}

/** Users are UUIDs; the system context (`system`) owns nothing. */
function ownerOf(ctx: RequestContext): string | null {
  const userId = ctx.actor?.userId;
  return userId && UUID.test(userId) ? userId : null;
}

function toStoredFile(row: FilesTable, name: string): StoredFile {
  return {
    id: row.id,
    ownerUserId: row.owner_user_id,
    name,
    mediaType: row.media_type,
    extension: row.extension,
    sizeBytes: row.size_bytes,
    sm3: row.sm3,
    scanStatus: row.scan_status,
    purpose: row.purpose,
    createdAt: row.created_at,
  };
}

function tooLarge(maxBytes: number): string {
  return `Files may have at most ${maxBytes} bytes (${(maxBytes / 1024 / 1024).toFixed(1)} MiB)`;
}

function accepted(): string {
  return Object.values(FILE_TYPES)
    .flatMap((type) => type.extensions)
    .join(', ');
}
