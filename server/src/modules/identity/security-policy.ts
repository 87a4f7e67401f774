import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { Db } from '../../platform/db/database.js';
import { readSetting, writeSetting } from '../../platform/db/settings.js';
import { CIDR_PATTERN } from './ip-rules.js';

/** 安全策略 — the configurable security rules of 等保三级, with their defaults. */
export const SecurityPolicy = Type.Object(
  {
    passwordMinLength: Type.Integer({
      minimum: 8,
      maximum: 64,
      default: 8,
      description: 'Shortest password',
    }),
    passwordMaxLength: Type.Integer({
      minimum: 8,
      maximum: 128,
      default: 32,
      description: 'Longest password',
    }),
    passwordMinClasses: Type.Integer({
      minimum: 1,
      maximum: 4,
      default: 3,
      description: 'Character classes required (lower, upper, digit, symbol)',
    }),
    passwordExpiryDays: Type.Integer({ minimum: 0, maximum: 3650, default: 90, description: '0 = never' }),
    passwordExpiryWarningDays: Type.Integer({ minimum: 0, maximum: 90, default: 7 }),
    passwordHistory: Type.Integer({
      minimum: 0,
      maximum: 24,
      default: 5,
      description: 'Recent passwords not reusable',
    }),
    lockoutThreshold: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 5,
      description: 'Failures before lockout',
    }),
    lockoutMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 15, description: 'Lockout duration' }),
    sessionIdleMinutes: Type.Integer({ minimum: 5, maximum: 480, default: 30, description: 'Idle timeout' }),
    sessionLifetimeHours: Type.Integer({
      minimum: 1,
      maximum: 24,
      default: 8,
      description: 'Absolute lifetime',
    }),
    staffIpAllow: Type.Array(Type.String({ pattern: CIDR_PATTERN, maxLength: 49 }), {
      maxItems: 200,
      default: [],
      description: 'Staff may sign in only from these IPv4/IPv6 ranges (empty = anywhere)',
    }),
    staffIpDeny: Type.Array(Type.String({ pattern: CIDR_PATTERN, maxLength: 49 }), {
      maxItems: 200,
      default: [],
      description: 'Staff may never sign in from these ranges (wins over the allow list)',
    }),
  },
  { additionalProperties: false, description: 'Security policy' },
);
export type SecurityPolicy = Static<typeof SecurityPolicy>;

const KEY = 'identity.securityPolicy';

export const defaultSecurityPolicy: SecurityPolicy = Value.Create(SecurityPolicy) as SecurityPolicy;

/** The stored policy over the defaults, so a policy saved before a new rule existed gets that rule's default. */
export async function readSecurityPolicy(trx: Db): Promise<SecurityPolicy> {
  const stored = await readSetting<Partial<SecurityPolicy>>(trx, KEY);
  return { ...defaultSecurityPolicy, ...stored };
}

export async function writeSecurityPolicy(trx: Db, policy: SecurityPolicy): Promise<void> {
  await writeSetting(trx, KEY, policy);
}
