import type { App } from '../../../platform/http/app-type.js';
import { requirePermission } from '../../../platform/http/auth.js';
import { problemResponses } from '../../../platform/http/openapi.js';
import { page } from '../../../platform/http/paging.js';
import { Permissions } from '../permissions.js';
import {
  ImportRegionsReply,
  ImportRegionsRequest,
  ListRegionsQuery,
  RegionDetail,
  RegionParams,
  RegionView,
} from './schema.js';
import type { RegionService } from './service.js';

/** 行政区划 — public reads of the region tree; importing the national data is the system administrator's. */
export function regionRoutes(app: App, regions: RegionService): void {
  app.get(
    '/api/v1/identity/regions',
    {
      schema: {
        operationId: 'identity.listRegions',
        tags: ['identity'],
        summary: '行政区划列表 Child regions of a region, or the provinces',
        querystring: ListRegionsQuery,
        response: { 200: page(RegionView), ...problemResponses(400, 404) },
      },
    },
    (request) => regions.list(request.query),
  );

  app.get(
    '/api/v1/identity/regions/:code',
    {
      schema: {
        operationId: 'identity.getRegion',
        tags: ['identity'],
        summary: '行政区划详情 A region with its ancestors',
        params: RegionParams,
        response: { 200: RegionDetail, ...problemResponses(400, 404) },
      },
    },
    (request) => regions.get(request.params.code),
  );

  app.post(
    '/api/v1/identity/regions/import',
    {
      schema: {
        operationId: 'identity.importRegions',
        tags: ['identity'],
        summary: '导入行政区划 Import regions from the national division data',
        security: [{ bearer: [] }],
        body: ImportRegionsRequest,
        response: { 200: ImportRegionsReply, ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission(Permissions.systemRegions),
    },
    (request) => regions.import(request.ctx, request.body),
  );
}
