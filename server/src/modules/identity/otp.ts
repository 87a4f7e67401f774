import { randomInt } from 'node:crypto';
import type { SharedStore } from '../../platform/cache/shared-store.js';
import { timingSafeEqualBytes } from '../../platform/crypto/sm3.js';
import type { Db } from '../../platform/db/database.js';
import { withTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import type { Notifier } from '../../platform/notify/notifier.js';
import * as repo from './repo.js';
import { readSecurityPolicy } from './security-policy.js';
import type { IdentityService, LoginAttempt } from './service.js';

export interface OtpOptions {
  /** How long a code is valid (5 minutes). */
  ttlSeconds: number;
  /** How soon the same phone may ask again. */
  resendSeconds: number;
  /** Codes per phone per hour. */
  perHour: number;
  /** Wrong guesses before the code is thrown away. */
  maxAttempts: number;
}

export const defaultOtpOptions: OtpOptions = {
  ttlSeconds: 300,
  resendSeconds: 60,
  perHour: 5,
  maxAttempts: 5,
};

interface StoredCode {
  mac: string;
  attempts: number;
  expiresAt: number;
}

/**
 * 短信验证码登录 — six-digit one-time codes sent through the notification port. Codes live in the shared
 * store (Redis across nodes) as an HMAC, never in clear; one use, limited guesses, limited resends.
 * Whether a phone has an account is not revealed: the answer to "send" is the same either way.
 */
export class OtpLogin {
  /**
   * @param keyedHash a keyed hash every node computes alike (the keyring's blind index): codes and phone
   *   numbers appear in the shared store only through it.
   */
  constructor(
    private readonly db: Db,
    private readonly store: SharedStore,
    private readonly notifier: Notifier,
    private readonly identity: IdentityService,
    private readonly keyedHash: (text: string) => string,
    private readonly options: OtpOptions = defaultOtpOptions,
  ) {}

  async send(
    ctx: RequestContext,
    phone: string,
  ): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
    const { ttlSeconds, resendSeconds, perHour } = this.options;
    const phoneKey = this.keyedHash(`otp-phone:${phone}`);
    if (!(await this.store.setIfAbsent(`otp:cooldown:${phoneKey}`, '1', resendSeconds))) {
      throw new DomainError('OTP_RESEND_TOO_SOON', {}, `wait ${resendSeconds} seconds between codes`);
    }
    if ((await this.store.increment(`otp:hour:${phoneKey}`, 3600)) > perHour) {
      throw new DomainError('OTP_TOO_MANY', {}, `at most ${perHour} codes per hour`);
    }
    const user = await repo.findUserByUsername(this.db, phone);
    if (user && user.status === 'active') {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const stored: StoredCode = {
        mac: this.mac(phone, code),
        attempts: 0,
        expiresAt: Date.now() + ttlSeconds * 1000,
      };
      await this.store.set(`otp:code:${phoneKey}`, JSON.stringify(stored), ttlSeconds);
      await withTransaction(this.db, (trx) =>
        this.notifier.send(trx, ctx, {
          channel: 'sms',
          recipient: phone,
          body: `【通办】您的登录验证码为 ${code}，${Math.round(ttlSeconds / 60)} 分钟内有效。请勿泄露给他人。`,
        }),
      );
    }
    return { expiresInSeconds: ttlSeconds, resendAfterSeconds: resendSeconds };
  }

  async login(ctx: RequestContext, input: { phone: string; code: string }, userAgent: string | null) {
    const policy = await readSecurityPolicy(this.db);
    const user = await repo.findUserByUsername(this.db, input.phone);
    const attempt: LoginAttempt = {
      username: input.phone,
      userId: user?.id ?? null,
      method: 'otp',
      userAgent,
    };
    const key = `otp:code:${this.keyedHash(`otp-phone:${input.phone}`)}`;
    const raw = await this.store.get(key);
    const stored = raw ? (JSON.parse(raw) as StoredCode) : null;
    const matches =
      stored !== null &&
      timingSafeEqualBytes(
        Buffer.from(stored.mac, 'hex'),
        Buffer.from(this.mac(input.phone, input.code), 'hex'),
      );
    if (!user || !stored || !matches) {
      if (stored && !matches) await this.countWrongGuess(key, stored);
      await this.identity.refuseLogin(ctx, attempt, stored ? 'wrongCode' : 'noCode', false);
      throw new DomainError('OTP_INVALID');
    }
    await this.store.delete(key); // one use
    await this.identity.admit(ctx, user, attempt, policy);
    return this.identity.startSession(ctx, user, attempt, policy);
  }

  private async countWrongGuess(key: string, stored: StoredCode): Promise<void> {
    const attempts = stored.attempts + 1;
    const remainingSeconds = Math.ceil((stored.expiresAt - Date.now()) / 1000);
    if (attempts >= this.options.maxAttempts || remainingSeconds <= 0) await this.store.delete(key);
    else await this.store.set(key, JSON.stringify({ ...stored, attempts }), remainingSeconds);
  }

  private mac(phone: string, code: string): string {
    return this.keyedHash(`otp-code:${phone}:${code}`);
  }
}
