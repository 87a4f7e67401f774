import { Type } from 'typebox';
import type { App } from '../../platform/http/app-type.js';
import { requirePermission } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/openapi.js';
import { page } from '../../platform/http/paging.js';
import { Permissions } from '../identity/permissions.js';
import {
  BundleIdOrCodeParams,
  BundleView,
  CreateBundleRequest,
  ListBundlesQuery,
  UpdateBundleRequest,
} from './bundle-schema.js';
import { IdParams } from './schema.js';
import type { CatalogServices } from './service.js';

const tags = ['catalog'];
const security = [{ bearer: [] }];
const ADMIN = '/api/v1/catalog/admin/bundles';

/** 一件事 — public listing and reading; the lead department's staff create, replace and delete them. */
export function bundleRoutes(app: App, { bundles }: CatalogServices): void {
  app.get(
    '/api/v1/catalog/bundles',
    {
      schema: {
        operationId: 'catalog.listBundles',
        tags,
        summary: '一件事列表 Active bundles visible in a region',
        querystring: ListBundlesQuery,
        response: { 200: page(BundleView), ...problemResponses(400, 404) },
      },
    },
    (request) => bundles.listPublic(request.query),
  );

  app.get(
    '/api/v1/catalog/bundles/:idOrCode',
    {
      schema: {
        operationId: 'catalog.getBundle',
        tags,
        summary: '一件事 An active bundle with its members in dispatch order',
        params: BundleIdOrCodeParams,
        response: { 200: BundleView, ...problemResponses(400, 404) },
      },
    },
    (request) => bundles.getPublic(request.params.idOrCode),
  );

  app.get(
    ADMIN,
    {
      schema: {
        operationId: 'catalog.listManagedBundles',
        tags,
        summary: '一件事管理 Bundles led by departments in my data scope',
        security,
        querystring: ListBundlesQuery,
        response: { 200: page(BundleView), ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => bundles.list(request.ctx, request.query),
  );

  app.get(
    `${ADMIN}/:id`,
    {
      schema: {
        operationId: 'catalog.getManagedBundle',
        tags,
        summary: '一件事详情 A bundle, whatever its status',
        security,
        params: IdParams,
        response: { 200: BundleView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => bundles.get(request.ctx, request.params.id),
  );

  app.post(
    ADMIN,
    {
      schema: {
        operationId: 'catalog.createBundle',
        tags,
        summary: '新建一件事 Members must be published; mapped fields must exist on both forms',
        security,
        body: CreateBundleRequest,
        response: { 201: BundleView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requirePermission(Permissions.catalogBundleManage),
    },
    async (request, reply) => reply.code(201).send(await bundles.create(request.ctx, request.body)),
  );

  app.put(
    `${ADMIN}/:id`,
    {
      schema: {
        operationId: 'catalog.updateBundle',
        tags,
        summary: '修改一件事 Replace a bundle’s definition',
        security,
        params: IdParams,
        body: UpdateBundleRequest,
        response: { 200: BundleView, ...problemResponses(400, 401, 403, 404, 422) },
      },
      preHandler: requirePermission(Permissions.catalogBundleManage),
    },
    (request) => bundles.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    `${ADMIN}/:id`,
    {
      schema: {
        operationId: 'catalog.deleteBundle',
        tags,
        summary: '删除一件事 Delete a bundle (its member items are untouched)',
        security,
        params: IdParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogBundleManage),
    },
    async (request, reply) => {
      await bundles.delete(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
