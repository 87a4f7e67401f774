import type { Logger } from 'pino';
import type { Config } from '../../../platform/config/config.js';
import { validateIdCard } from '../../../shared/validation/id-card.js';

/**
 * 实名核验 — checks that a name and ID number belong together (in production: against the public-security
 * citizen identity service, e.g. through a provincial 统一身份认证 platform). A verified citizen is raised
 * from `registered` to `realName`.
 */
export interface IdentityVerifier {
  /** Shown in logs and the audit ledger, so an operator can see which adapter verified whom. */
  readonly name: string;
  verify(input: { name: string; idNumber: string }): Promise<{ verified: boolean; reason?: string }>;
}

/**
 * Development and test stand-in: every ID number with a valid GB 11643 check digit counts as verified,
 * whatever the name. It refuses to exist in production.
 */
export class MockIdentityVerifier implements IdentityVerifier {
  readonly name = 'mock';

  constructor(environment: Config['environment'], log: Logger) {
    if (environment === 'production') {
      throw new Error(
        'MockIdentityVerifier refuses to run with NODE_ENV=production: configure a real identity verification adapter',
      );
    }
    log.warn(
      'MockIdentityVerifier in use: every ID number with a valid check digit counts as real-name verified (not for production)',
    );
  }

  async verify(input: { name: string; idNumber: string }) {
    const result = validateIdCard(input.idNumber);
    return result.ok ? { verified: true } : { verified: false, reason: `mock: ${result.reason}` };
  }
}

/**
 * Production without an adapter: nobody is verified, so citizens stay `registered` and cannot do what
 * needs `realName`. Failing like this (instead of pretending) keeps the mock out of production.
 */
export class UnconfiguredIdentityVerifier implements IdentityVerifier {
  readonly name = 'none';

  constructor(log: Logger) {
    log.warn('No identity verification adapter is configured: new citizens stay at assurance "registered"');
  }

  async verify() {
    return { verified: false, reason: 'no identity verification adapter is configured' };
  }
}

/**
 * The one place an adapter is chosen. Extension point: a real adapter implements `IdentityVerifier`,
 * gets its settings from `Config` (e.g. `IDENTITY_VERIFIER=<name>` plus its endpoint and credentials),
 * and is returned here when configured; the mock is used only when none is.
 */
export function createIdentityVerifier(config: Pick<Config, 'environment'>, log: Logger): IdentityVerifier {
  if (config.environment === 'production') return new UnconfiguredIdentityVerifier(log);
  return new MockIdentityVerifier(config.environment, log);
}
