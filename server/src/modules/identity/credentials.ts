import type { Db } from '../../platform/db/database.js';
import type { Trx } from '../../platform/db/transaction.js';
import { DomainError } from '../../platform/http/errors.js';
import './errors.js';
import './persons/errors.js';
import { verifyPassword } from './passwords.js';
import { readSecurityPolicy, type SecurityPolicy } from './security-policy.js';
import { checkPassword, describePasswordRule, type PasswordPolicy } from './validation/password-policy.js';

const DAY_MS = 86_400_000;

export function passwordRulesOf(policy: SecurityPolicy): PasswordPolicy {
  return {
    minLength: policy.passwordMinLength,
    maxLength: policy.passwordMaxLength,
    minClasses: policy.passwordMinClasses,
  };
}

/** A new password under the security administrator's policy, else PASSWORD_TOO_WEAK listing every failed rule. */
export async function enforcePasswordStrength(
  db: Db | Trx,
  password: string,
  field = 'body.password',
): Promise<void> {
  const rules = passwordRulesOf(await readSecurityPolicy(db));
  const failed = checkPassword(password, rules);
  if (!failed.length) return;
  throw new DomainError(
    'PASSWORD_TOO_WEAK',
    { rules: failed },
    `${field} fails: ${failed.join(', ')}`,
    failed.map((rule) => ({ field, message: `${rule}: ${describePasswordRule(rule, rules)}` })),
  );
}

export interface PasswordExpiry {
  /** null: passwords never expire under this policy. */
  expiresAt: Date | null;
  /** From when the user is warned; null when there is no expiry or no warning period. */
  warnAt: Date | null;
}

/** 密码有效期: a password changed at `changedAt` expires `passwordExpiryDays` later, warned the days before. */
export function passwordExpiry(changedAt: Date, policy: SecurityPolicy): PasswordExpiry {
  if (policy.passwordExpiryDays === 0) return { expiresAt: null, warnAt: null };
  const expiresAt = new Date(changedAt.getTime() + policy.passwordExpiryDays * DAY_MS);
  const warnDays = Math.min(policy.passwordExpiryWarningDays, policy.passwordExpiryDays);
  return { expiresAt, warnAt: warnDays ? new Date(expiresAt.getTime() - warnDays * DAY_MS) : null };
}

/**
 * 不得重复使用最近 N 次密码: refuses `password` when it matches any of `recentHashes` (the current hash
 * first, then the replaced ones, newest first), checking only the `policy.passwordHistory` most recent.
 */
export async function enforceNotReused(
  password: string,
  recentHashes: readonly string[],
  policy: SecurityPolicy,
): Promise<void> {
  const window = recentHashes.slice(0, Math.max(1, policy.passwordHistory));
  const matches = await Promise.all(window.map((hash) => verifyPassword(hash, password)));
  if (matches.some(Boolean)) {
    throw new DomainError(
      'PASSWORD_REUSED',
      { history: policy.passwordHistory },
      `the new password is one of the last ${window.length} passwords`,
      [{ field: 'body.newPassword', message: `must differ from the last ${window.length} passwords` }],
    );
  }
}
