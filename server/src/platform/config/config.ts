import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Runtime configuration, read once from the environment and validated before anything starts. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  smtpUrl: string | null;
  smtpFrom: string;
  adminPassword: string | null;
  demo: boolean;
  environment: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  /** Largest file an upload may have (FILE_MAX_BYTES); uploads are held in memory while they are checked. */
  fileMaxBytes: number;
  /** Share of a case's time limit after which it is near due, in percent (CASE_NEAR_DUE_PERCENT, 80). */
  caseNearDuePercent: number;
  /** Working days an applicant has to supply missing materials unless staff say otherwise (CASE_SUPPLEMENT_DAYS, 5). */
  caseSupplementDays: number;
  /** 32-byte key-encryption key for personal-data keys; from TONGBAN_MASTER_KEY or a file in DATA_DIR. */
  masterKey: Buffer | null;
  /** Poll intervals of background workers (jobs, outbox), in milliseconds. */
  workerPollMs: number;
  /** When false, this node serves HTTP only and runs no background workers. */
  workers: boolean;
  trustProxy: boolean;
  /**
   * The origin browsers and integrated applications use to reach Tongban (`https://host[:port]`, no path).
   * The OpenID Connect issuer is `${publicUrl}/oidc`.
   */
  publicUrl: string;
}

/** A configuration value that cannot be used; start-up stops with this one-line message. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const environment = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const port = integer(env, 'PORT', 8080, 0, 65535);
  if (text(env, 'S3_URL') !== null) {
    throw new ConfigError(
      'S3_URL',
      'is not supported yet: the S3-compatible file storage adapter is planned; unset it to keep files in DATA_DIR/files',
    );
  }
  return {
    port,
    host: text(env, 'HOST') ?? '0.0.0.0',
    dataDir: path.resolve(text(env, 'DATA_DIR') ?? './data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    smtpFrom: text(env, 'SMTP_FROM') ?? '通办 Tongban <no-reply@tongban.local>',
    adminPassword: text(env, 'TONGBAN_ADMIN_PASSWORD'),
    demo: flag(env, 'TONGBAN_DEMO', true),
    environment,
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      environment === 'test' ? 'silent' : 'info',
    ),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    fileMaxBytes: integer(env, 'FILE_MAX_BYTES', 20 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    caseNearDuePercent: integer(env, 'CASE_NEAR_DUE_PERCENT', 80, 1, 100),
    caseSupplementDays: integer(env, 'CASE_SUPPLEMENT_DAYS', 5, 1, 60),
    masterKey: hexKey(env, 'TONGBAN_MASTER_KEY'),
    workerPollMs: integer(env, 'WORKER_POLL_MS', 1000, 10, 600_000),
    workers: flag(env, 'TONGBAN_WORKERS', true),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    publicUrl: publicUrl(env, 'PUBLIC_URL', `http://localhost:${port}`),
  };
}

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1 or 0, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: readonly string[]): string | null {
  const raw = text(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/** An http(s) origin (scheme, host, port): Tongban is served from the root of it. */
function publicUrl(env: Env, name: string, fallback: string): string {
  const raw = url(env, name, ['http:', 'https:']);
  if (raw === null) return fallback;
  const parsed = new URL(raw);
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || /[?#]/.test(raw) || parsed.username)
    throw new ConfigError(
      name,
      'must be an origin like https://tongban.example.gov.cn (no path, query or credentials)',
    );
  return parsed.origin;
}

function hexKey(env: Env, name: string): Buffer | null {
  const raw = text(env, name);
  if (raw === null) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(raw))
    throw new ConfigError(name, 'must be 64 hexadecimal characters (32 bytes)');
  return Buffer.from(raw, 'hex');
}

/** A random password for the bootstrap administrator, printed once like Keycloak does. */
export function generatePassword(): string {
  return `Tb-${randomBytes(12).toString('base64url')}`;
}
