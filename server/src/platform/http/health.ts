import { Type } from 'typebox';
import type { SharedStore } from '../cache/shared-store.js';
import type { Database } from '../db/database.js';
import type { App } from './app-type.js';
import { problemFor, sendProblem } from './problem.js';

const Health = Type.Object({ status: Type.String({ description: '`ok`' }) });

/** Liveness (process up), readiness (database and Redis answer) and public system facts. */
export function healthRoutes(
  app: App,
  deps: {
    database: Database;
    store: SharedStore;
    info: { name: string; version: string; demo: boolean; environment: string };
  },
): void {
  app.get(
    '/healthz',
    { schema: { operationId: 'platform.health', tags: ['platform'], response: { 200: Health } } },
    async () => ({
      status: 'ok',
    }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'platform.ready',
        tags: ['platform'],
        response: {
          200: Type.Object({ status: Type.String(), database: Type.String(), redis: Type.String() }),
        },
      },
    },
    async (request, reply) => {
      const [databaseUp, storeUp] = await Promise.all([deps.database.ping(), deps.store.ping()]);
      if (!databaseUp || !storeUp) {
        const down = [!databaseUp && 'database', !storeUp && 'redis'].filter(Boolean).join(', ');
        return sendProblem(
          reply,
          problemFor(request, 'SERVICE_UNAVAILABLE', { detail: `not reachable: ${down}` }),
        );
      }
      return {
        status: 'ok',
        database: deps.database.engine,
        redis: deps.store.kind === 'redis' ? 'ok' : 'not configured',
      };
    },
  );

  app.get(
    '/api/v1/system/info',
    {
      schema: {
        operationId: 'platform.systemInfo',
        tags: ['platform'],
        summary: '系统信息 Public system facts',
        response: {
          200: Type.Object({
            name: Type.String(),
            version: Type.String(),
            database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
            redis: Type.Boolean(),
            demo: Type.Boolean(),
            environment: Type.String(),
          }),
        },
      },
    },
    async () => ({ ...deps.info, database: deps.database.engine, redis: deps.store.kind === 'redis' }),
  );
}
