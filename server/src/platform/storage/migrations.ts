import { type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../db/migrator.js';

/**
 * Named to sort after every migration that existed when it was written (Kysely refuses a new migration
 * that sorts before an applied one) and before the case engine's, which may refer to files.
 */
export const storageMigrations: MigrationSet = {
  '20261123_300_platform_files': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table files (
          id uuid primary key,
          owner_user_id uuid,
          name text not null,
          media_type text not null,
          extension text not null check (extension ~ '^[a-z0-9]{1,10}$'),
          size_bytes integer not null check (size_bytes > 0),
          sm3 text not null check (sm3 ~ '^[0-9a-f]{64}$'),
          storage_key text not null unique,
          data_key text not null,
          scan_status text not null check (scan_status in ('clean', 'infected')),
          purpose text not null,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index files_owner on files (owner_user_id, created_at)`.execute(db);
    },
  },
};

/** One stored file's metadata; its bytes live in the FileStorage under `storage_key`, never here. */
export interface FilesTable {
  id: string;
  /** The uploader; null for files the system made. */
  owner_user_id: string | null;
  /** The sanitised original name, sealed with the keyring (`files.name`): names often carry personal data. */
  name: string;
  /** From sniffing the content, never from the client. */
  media_type: string;
  /** The declared extension, lower case; it agreed with the sniffed type. */
  extension: string;
  size_bytes: number;
  /** SM3 of the plaintext, hex: checked on every read. */
  sm3: string;
  storage_key: string;
  /** The file's own SM4 data key, sealed by the keyring's active field key (`files.data_key`). */
  data_key: string;
  scan_status: 'clean' | 'infected';
  /** What the file is for, e.g. `case-material`. */
  purpose: string;
  created_at: Date;
}

declare module '../db/tables.js' {
  interface Tables {
    files: FilesTable;
  }
}
