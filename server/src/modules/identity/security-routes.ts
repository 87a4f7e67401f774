import { Type } from 'typebox';
import { appendAudit } from '../../platform/audit/ledger.js';
import type { Db } from '../../platform/db/database.js';
import { withTransaction } from '../../platform/db/transaction.js';
import { canonicalJson } from '../../platform/encoding/canonical-json.js';
import type { App } from '../../platform/http/app-type.js';
import { requirePermission } from '../../platform/http/auth.js';
import { DomainError } from '../../platform/http/errors.js';
import { problemResponses } from '../../platform/http/openapi.js';
import { Cursor, Limit, page } from '../../platform/http/paging.js';
import { parseCidr } from './ip-rules.js';
import { Permissions } from './permissions.js';
import { readSecurityPolicy, SecurityPolicy, writeSecurityPolicy } from './security-policy.js';

const LoginEventView = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  username: Type.String({ description: 'As typed at sign-in' }),
  userId: Type.Union([Type.String(), Type.Null()], { description: 'Null when no such user exists' }),
  method: Type.String({ description: 'password, otp or sso' }),
  outcome: Type.String({ description: 'success, failure or locked' }),
  reason: Type.Union([Type.String(), Type.Null()], {
    description: 'wrongPassword, unknownUser, disabled, locked',
  }),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});

/** 安全策略 and 登录日志 — read by the security administrator, changed by them alone, every change audited. */
export function securityRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/identity/security-policy',
    {
      schema: {
        operationId: 'identity.getSecurityPolicy',
        tags: ['security'],
        summary: '安全策略 Security policy',
        security: [{ bearer: [] }],
        response: { 200: SecurityPolicy, ...problemResponses(401, 403) },
      },
      preHandler: requirePermission(Permissions.securityView),
    },
    () => readSecurityPolicy(db),
  );

  app.put(
    '/api/v1/identity/security-policy',
    {
      schema: {
        operationId: 'identity.updateSecurityPolicy',
        tags: ['security'],
        summary: '修改安全策略 Update the security policy',
        security: [{ bearer: [] }],
        body: SecurityPolicy,
        response: { 200: SecurityPolicy, ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission(Permissions.securityManage),
    },
    async (request) => {
      const next = request.body;
      if (next.passwordMinLength > next.passwordMaxLength) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {},
          'passwordMinLength is greater than passwordMaxLength',
          [{ field: 'body.passwordMinLength', message: 'must not exceed passwordMaxLength' }],
        );
      }
      const badRanges = [
        ...next.staffIpAllow.map((range, i) => ({ range, field: `body.staffIpAllow.${i}` })),
        ...next.staffIpDeny.map((range, i) => ({ range, field: `body.staffIpDeny.${i}` })),
      ].filter(({ range }) => !parseCidr(range));
      if (badRanges.length) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {},
          'not an IPv4/IPv6 address or CIDR range',
          badRanges.map(({ field }) => ({ field, message: 'not an IPv4/IPv6 address or CIDR range' })),
        );
      }
      return withTransaction(db, async (trx) => {
        const before = await readSecurityPolicy(trx);
        await writeSecurityPolicy(trx, next);
        const changed = Object.keys(next).filter(
          (key) =>
            canonicalJson(next[key as keyof SecurityPolicy]) !==
            canonicalJson(before[key as keyof SecurityPolicy]),
        );
        await appendAudit(trx, request.ctx, {
          action: 'identity.updateSecurityPolicy',
          target: { type: 'securityPolicy', id: 'default' },
          details: {
            changed: Object.fromEntries(changed.map((key) => [key, next[key as keyof SecurityPolicy]])),
          },
          change: next,
        });
        return next;
      });
    },
  );

  app.get(
    '/api/v1/identity/login-events',
    {
      schema: {
        operationId: 'identity.listLoginEvents',
        tags: ['security'],
        summary: '登录日志 Sign-in attempts, newest first',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            limit: Limit,
            cursor: Cursor,
            username: Type.Optional(Type.String({ maxLength: 64 })),
            outcome: Type.Optional(
              Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('locked')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: page(LoginEventView), ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission(Permissions.securityView),
    },
    async (request) => {
      const { limit, cursor, username, outcome } = request.query;
      let query = db
        .selectFrom('login_events')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor) query = query.where('id', '<', cursor);
      if (username) query = query.where('username', '=', username);
      if (outcome) query = query.where('outcome', '=', outcome);
      const rows = await query.execute();
      const items = rows.slice(0, limit).map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        username: row.username,
        userId: row.user_id,
        method: row.method,
        outcome: row.outcome,
        reason: row.reason,
        ip: row.ip,
        userAgent: row.user_agent,
      }));
      return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
    },
  );
}
