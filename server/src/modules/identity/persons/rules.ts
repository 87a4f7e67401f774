import type { Logger } from 'pino';
import { normaliseForBlindIndex } from '../../../platform/crypto/blind-index.js';
import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import type { Keyring } from '../../../platform/keys/keyring.js';
import { type IdCardFailure, validateIdCard } from '../../../shared/validation/id-card.js';
import { validateUscc } from '../../../shared/validation/uscc.js';
import './errors.js';
import type { Assurance } from './migrations.js';
import * as repo from './repo.js';
import type { IdentityVerifier } from './verification.js';

export interface PersonDeps {
  db: Db;
  keyring: Keyring;
  log: Logger;
  verifier: IdentityVerifier;
}

/** Encryption contexts (`<table>.<column>`): a value sealed for one column never opens as another. */
export const Sealed = {
  citizenName: 'citizens.name_enc',
  citizenIdNumber: 'citizens.id_number_enc',
  citizenPhone: 'citizens.phone_enc',
  legalRepName: 'enterprises.legal_rep_name_enc',
  dependantName: 'dependants.name_enc',
  dependantIdNumber: 'dependants.id_number_enc',
} as const;

const ASSURANCE_RANK: Record<Assurance, number> = { registered: 0, realName: 1, realPerson: 2 };

export function atLeast(held: Assurance, needed: Assurance): boolean {
  return ASSURANCE_RANK[held] >= ASSURANCE_RANK[needed];
}

const ID_RULES: Record<IdCardFailure, string> = {
  format: 'must be 17 digits followed by a digit or X',
  checkDigit: 'the check digit does not match (GB 11643)',
  region: 'the first two digits are not a province code',
  birthDate: 'the birth date is not a real date between 1900 and today',
};

/** The normalised ID number, or ID_NUMBER_INVALID naming the broken rule. */
export function parseIdNumber(value: string, field: string): string {
  const result = validateIdCard(value);
  if (result.ok) return result.normalised;
  const message = `${result.reason}: ${ID_RULES[result.reason]}`;
  throw new DomainError('ID_NUMBER_INVALID', { rule: result.reason }, `${field}: ${message}`, [
    { field, message },
  ]);
}

/** The mainland mobile number without spaces, hyphens or +86, or PHONE_INVALID. */
export function parsePhone(value: string, field = 'body.phone'): string {
  const phone = normaliseForBlindIndex(value, 'phone');
  if (/^1[3-9]\d{9}$/.test(phone)) return phone;
  const message = 'must be an 11-digit mainland mobile number starting with 13–19';
  throw new DomainError('PHONE_INVALID', {}, `${field}: ${message}`, [{ field, message }]);
}

export function parseUscc(value: string, field = 'body.uscc'): string {
  const result = validateUscc(value);
  if (result.ok) return result.normalised;
  const message =
    result.reason === 'format'
      ? 'format: must be 18 characters of 0-9 and A-Z without I, O, S, V, Z (characters 3–8 digits)'
      : 'checkDigit: the check character does not match (GB 32100)';
  throw new DomainError('USCC_INVALID', { rule: result.reason }, `${field}: ${message}`, [
    { field, message },
  ]);
}

/** Trimmed text that must not be blank. */
export function parseText(value: string, field: string): string {
  const text = value.normalize('NFC').trim();
  if (text) return text;
  throw new DomainError('VALIDATION_FAILED', {}, `${field}: must not be blank`, [
    { field, message: 'must not be blank' },
  ]);
}

/** The caller's citizen record, at the given assurance level or above. */
export async function requireCitizen(db: Db, ctx: RequestContext, needed: Assurance = 'registered') {
  const userId = ctx.actor?.userId;
  if (!userId) throw new DomainError('UNAUTHENTICATED');
  const citizen = await repo.findCitizen(db, userId);
  if (!citizen) throw new DomainError('CITIZEN_ACCOUNT_REQUIRED');
  if (!atLeast(citizen.assurance, needed)) {
    throw new DomainError(
      'ASSURANCE_TOO_LOW',
      { needed },
      `needs ${needed}; the account is ${citizen.assurance}`,
    );
  }
  return citizen;
}

const CONFLICTS: Record<string, string> = {
  users_username_key: 'USERNAME_TAKEN',
  citizens_id_number_unique: 'ID_NUMBER_TAKEN',
  citizens_phone_unique: 'PHONE_TAKEN',
  enterprises_uscc_unique: 'USCC_TAKEN',
  dependants_guardian_id_number_unique: 'DEPENDANT_EXISTS',
};

/**
 * Runs a write, turning a unique violation into its 409: two identical requests racing past the
 * pre-checks both reach the insert, and the loser's transaction is rolled back by the database.
 */
export async function mapConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = CONFLICTS[repo.uniqueViolation(error) ?? ''];
    if (code) throw new DomainError(code);
    throw error;
  }
}
