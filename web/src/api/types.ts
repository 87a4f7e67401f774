/** Types of the Tongban HTTP API (JSON, camelCase). Mirrors the server contract. */

/** RFC 9457 problem details, as returned by every failing call. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: unknown;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SystemInfo {
  name: string;
  version: string;
  database: 'pglite' | 'postgres';
  redis: boolean;
  demo: boolean;
  environment: string;
}

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: CurrentUser;
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  hash: string;
  prevHash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

export type OutboxChannel = 'inApp' | 'sms' | 'email';

export interface OutboxMessage {
  id: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  createdAt: string;
}
