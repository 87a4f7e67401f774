import type { App } from '../../platform/http/app-type.js';
import { requirePermission } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/openapi.js';
import { page } from '../../platform/http/paging.js';
import { Permissions } from '../identity/permissions.js';
import {
  BasicItemView,
  CreateBasicItemRequest,
  IdParams,
  ListBasicItemsQuery,
  UpdateBasicItemRequest,
} from './schema.js';
import type { CatalogServices } from './service.js';

const tags = ['catalog'];
const security = [{ bearer: [] }];
const BASE = '/api/v1/catalog/admin/basic-items';

/** 基本目录 — staff read it to draft implementation lists; `catalog:basic:manage` maintains it. */
export function basicItemRoutes(app: App, { basics }: CatalogServices): void {
  app.get(
    BASE,
    {
      schema: {
        operationId: 'catalog.listBasicItems',
        tags,
        summary: '基本目录 Basic catalogue items',
        security,
        querystring: ListBasicItemsQuery,
        response: { 200: page(BasicItemView), ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => basics.list(request.query),
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'catalog.getBasicItem',
        tags,
        summary: '基本目录事项 One basic item',
        security,
        params: IdParams,
        response: { 200: BasicItemView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => basics.get(request.params.id),
  );

  app.post(
    BASE,
    {
      schema: {
        operationId: 'catalog.createBasicItem',
        tags,
        summary: '新增基本目录事项 Create a basic item (code assigned by rule when absent)',
        security,
        body: CreateBasicItemRequest,
        response: { 201: BasicItemView, ...problemResponses(400, 401, 403, 409, 422) },
      },
      preHandler: requirePermission(Permissions.catalogBasicManage),
    },
    async (request, reply) => reply.code(201).send(await basics.create(request.ctx, request.body)),
  );

  app.patch(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'catalog.updateBasicItem',
        tags,
        summary:
          '修改基本目录事项 Rename, re-alias, enable or disable a basic item (code and type are fixed)',
        security,
        params: IdParams,
        body: UpdateBasicItemRequest,
        response: { 200: BasicItemView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogBasicManage),
    },
    (request) => basics.update(request.ctx, request.params.id, request.body),
  );
}
