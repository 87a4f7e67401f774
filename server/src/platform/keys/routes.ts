import { Type } from 'typebox';
import type { Db } from '../db/database.js';
import type { App } from '../http/app-type.js';
import { requirePermission } from '../http/auth.js';
import { problemResponses } from '../http/openapi.js';
import type { Keyring } from './keyring.js';

const DataKeyView = Type.Object({
  id: Type.String({ description: 'Key id carried by every value it sealed' }),
  purpose: Type.String({ description: '`field` (personal-data encryption) or `blindIndex`' }),
  state: Type.String({ description: '`active` or `retired` (still decrypts)' }),
  createdAt: Type.String({ format: 'date-time' }),
  retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** 密钥管理 — the security administrator sees the data keys (never their material) and rotates them. */
export function keyRoutes(app: App, db: Db, keyring: Keyring): void {
  app.get(
    '/api/v1/security/keys',
    {
      schema: {
        operationId: 'security.listDataKeys',
        tags: ['security'],
        summary: '数据密钥列表 Data encryption keys',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ items: Type.Array(DataKeyView) }), ...problemResponses(401, 403) },
      },
      preHandler: requirePermission('security:view'),
    },
    async () => {
      const rows = await db.selectFrom('data_keys').selectAll().orderBy('created_at', 'desc').execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          purpose: row.purpose,
          state: row.state,
          createdAt: row.created_at.toISOString(),
          retiredAt: row.retired_at?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/v1/security/keys/rotate',
    {
      schema: {
        operationId: 'security.rotateDataKey',
        tags: ['security'],
        summary: '轮换数据密钥 Rotate the personal-data key',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ activeKeyId: Type.String() }), ...problemResponses(401, 403) },
      },
      preHandler: requirePermission('security:manage'),
    },
    async (request) => ({ activeKeyId: await keyring.rotate(request.ctx) }),
  );
}
