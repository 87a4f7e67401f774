import { randomBytes } from 'node:crypto';
import type { FieldError } from '../../../platform/http/errors.js';

/**
 * The scopes an application may be allowed, and the claims each one releases (ID token and userinfo).
 * `openid` is required; the `tongban.*` names are Tongban's own.
 */
export const SSO_SCOPES = ['openid', 'profile', 'phone', 'tongban.department', 'tongban.roles'] as const;
export type SsoScope = (typeof SSO_SCOPES)[number];

export const SCOPE_CLAIMS: Readonly<Record<SsoScope, readonly string[]>> = {
  openid: ['sub'],
  profile: ['name', 'preferred_username'],
  phone: ['phone_number'],
  'tongban.department': ['department'],
  'tongban.roles': ['roles'],
};

/** Hosts where a redirect URI may use plain http: the developer's own machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type RedirectUriProblem = 'notAbsolute' | 'scheme' | 'fragment' | 'credentials';

const PROBLEM_MESSAGES: Record<RedirectUriProblem, string> = {
  notAbsolute: 'must be an absolute URL',
  scheme: 'must use https (http only for localhost, 127.0.0.1 or [::1])',
  fragment: 'must not contain a #fragment',
  credentials: 'must not contain a user name or password',
};

/** Why a redirect URI is refused, or null when it is acceptable. */
export function redirectUriProblem(uri: string): RedirectUriProblem | null {
  if (uri.includes('#')) return 'fragment';
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return 'notAbsolute';
  }
  if (parsed.username || parsed.password) return 'credentials';
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return null;
  return 'scheme';
}

/** Field errors for every unacceptable URI of a list, named `body.<field>.<index>`. */
export function redirectUriErrors(field: string, uris: readonly string[]): FieldError[] {
  return uris.flatMap((uri, index) => {
    const problem = redirectUriProblem(uri);
    return problem ? [{ field: `body.${field}.${index}`, message: PROBLEM_MESSAGES[problem] }] : [];
  });
}

/** A new client secret: 256 random bits, base64url (shown once, stored sealed). */
export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}
