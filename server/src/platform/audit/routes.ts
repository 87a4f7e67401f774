import { Type } from 'typebox';
import type { Db } from '../db/database.js';
import type { App } from '../http/app-type.js';
import { requirePermission } from '../http/auth.js';
import { problemResponses } from '../http/openapi.js';
import { Cursor, Limit, page } from '../http/paging.js';
import { toAuditRecord, verifyLedger } from './ledger.js';

const AuditRecordView = Type.Object(
  {
    seq: Type.Integer({ description: 'Position in the chain, from 1' }),
    id: Type.String(),
    at: Type.String({ format: 'date-time' }),
    actorId: Type.Union([Type.String(), Type.Null()]),
    actorName: Type.Union([Type.String(), Type.Null()]),
    action: Type.String({ description: '`<module>.<verb>`' }),
    targetType: Type.Union([Type.String(), Type.Null()]),
    targetId: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    requestId: Type.Union([Type.String(), Type.Null()]),
    outcome: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
    changeHash: Type.Union([Type.String(), Type.Null()], { description: 'SM3 of the change, if any' }),
    prevHash: Type.String(),
    hash: Type.String({ description: 'SM3(prevHash ‖ canonical JSON of the record)' }),
  },
  { description: 'One audit ledger record' },
);

/** 审计日志 — read by the audit administrator only (三员分立); there is no route that edits it. */
export function auditRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/audit/records',
    {
      schema: {
        operationId: 'audit.listRecords',
        tags: ['audit'],
        summary: '审计日志 Audit ledger, newest first',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            limit: Limit,
            cursor: Cursor,
            action: Type.Optional(Type.String({ maxLength: 64, description: 'Exact action filter' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: page(AuditRecordView), ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission('audit:read'),
    },
    async (request) => {
      const { limit, cursor, action } = request.query;
      let query = db
        .selectFrom('audit_ledger')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(limit + 1);
      if (cursor) query = query.where('seq', '<', Number(cursor));
      if (action) query = query.where('action', '=', action);
      const rows = await query.execute();
      const items = rows.slice(0, limit).map(toAuditRecord);
      return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.seq) : null };
    },
  );

  app.post(
    '/api/v1/audit/verify',
    {
      schema: {
        operationId: 'audit.verifyChain',
        tags: ['audit'],
        summary: '校验哈希链 Verify the whole hash chain',
        security: [{ bearer: [] }],
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer({ description: 'Records verified before the first break (or all)' }),
            head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
            firstBroken: Type.Union([
              Type.Object({ seq: Type.Integer(), reason: Type.String() }),
              Type.Null(),
            ]),
          }),
          ...problemResponses(401, 403),
        },
      },
      preHandler: requirePermission('audit:verify'),
    },
    () => verifyLedger(db),
  );
}
