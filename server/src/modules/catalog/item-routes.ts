import type { App } from '../../platform/http/app-type.js';
import { requirePermission } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/openapi.js';
import { page } from '../../platform/http/paging.js';
import { Permissions } from '../identity/permissions.js';
import {
  CreateItemDraftRequest,
  DiffQuery,
  DiffView,
  IdParams,
  ItemDetail,
  ItemSummary,
  ListManagedItemsQuery,
  ReasonRequest,
  VersionSummary,
  VersionView,
} from './schema.js';
import type { CatalogServices } from './service.js';

const tags = ['catalog'];
const security = [{ bearer: [] }];
const BASE = '/api/v1/catalog/admin/items';

/** 实施清单 in the back office: lists, drafting, diffs and the item-level suspend / resume / cancel. */
export function itemRoutes(app: App, { queries, drafts, publication }: CatalogServices): void {
  app.get(
    BASE,
    {
      schema: {
        operationId: 'catalog.listManagedItems',
        tags,
        summary: '实施清单列表 Implementation lists in my data scope (status=submitted: the review queue)',
        security,
        querystring: ListManagedItemsQuery,
        response: { 200: page(ItemSummary), ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => queries.list(request.ctx, request.query),
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'catalog.getManagedItem',
        tags,
        summary: '实施清单 An implementation list with all its versions',
        security,
        params: IdParams,
        response: { 200: ItemDetail, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => queries.get(request.ctx, request.params.id),
  );

  app.post(
    BASE,
    {
      schema: {
        operationId: 'catalog.createItemDraft',
        tags,
        summary: '新建实施清单 A new implementation list of my department, version 1 as a draft',
        security,
        body: CreateItemDraftRequest,
        response: { 201: VersionView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requirePermission(Permissions.catalogItemManage),
    },
    async (request, reply) => reply.code(201).send(await drafts.createDraft(request.ctx, request.body)),
  );

  app.post(
    `${BASE}/:id/versions`,
    {
      schema: {
        operationId: 'catalog.reviseItem',
        tags,
        summary: '修订 A new draft version copied from the latest one',
        security,
        params: IdParams,
        response: { 201: VersionView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requirePermission(Permissions.catalogItemManage),
    },
    async (request, reply) => reply.code(201).send(await drafts.revise(request.ctx, request.params.id)),
  );

  app.get(
    `${BASE}/:id/versions`,
    {
      schema: {
        operationId: 'catalog.listItemVersions',
        tags,
        summary: '版本列表 Every version of an implementation list, newest first',
        security,
        params: IdParams,
        response: { 200: page(VersionSummary), ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => queries.listVersions(request.ctx, request.params.id),
  );

  app.get(
    `${BASE}/:id/diff`,
    {
      schema: {
        operationId: 'catalog.diffItemVersions',
        tags,
        summary: '版本比对 Field-level differences between two versions (materials and fees by key)',
        security,
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: DiffView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => queries.diff(request.ctx, request.params.id, request.query.from, request.query.to),
  );

  const lifecycle = [
    ['suspend', 'catalog.suspendItem', '暂停办理 Stop applications for a while; the guide stays readable'],
    ['cancel', 'catalog.cancelItem', '取消事项 Withdraw the item for good; its versions are kept'],
  ] as const;
  for (const [verb, operationId, summary] of lifecycle) {
    app.post(
      `${BASE}/:id/${verb}`,
      {
        schema: {
          operationId,
          tags,
          summary,
          security,
          params: IdParams,
          body: ReasonRequest,
          response: { 200: VersionView, ...problemResponses(400, 401, 403, 404, 409) },
        },
        preHandler: requirePermission(Permissions.catalogItemReview),
      },
      (request) => publication[verb](request.ctx, request.params.id, request.body.reason),
    );
  }

  app.post(
    `${BASE}/:id/resume`,
    {
      schema: {
        operationId: 'catalog.resumeItem',
        tags,
        summary: '恢复办理 Accept applications again after a suspension',
        security,
        params: IdParams,
        response: { 200: VersionView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requirePermission(Permissions.catalogItemReview),
    },
    (request) => publication.resume(request.ctx, request.params.id),
  );
}
