import type { App } from '../../platform/http/app-type.js';
import { requirePermission } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/openapi.js';
import { Permissions } from '../identity/permissions.js';
import { ItemGuide } from './guide-schema.js';
import { ReviewRequest, ValidationView, VersionParams, VersionView } from './schema.js';
import type { CatalogServices } from './service.js';

const tags = ['catalog'];
const security = [{ bearer: [] }];
const BASE = '/api/v1/catalog/admin/versions';

/** One version: read, edit while a draft, validate, submit, review and publish. */
export function versionRoutes(app: App, { queries, drafts, publication }: CatalogServices): void {
  app.get(
    `${BASE}/:versionId`,
    {
      schema: {
        operationId: 'catalog.getItemVersion',
        tags,
        summary: '版本详情 One version with its whole guide, history and next actions',
        security,
        params: VersionParams,
        response: { 200: VersionView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => queries.getVersion(request.ctx, request.params.versionId),
  );

  app.put(
    `${BASE}/:versionId`,
    {
      schema: {
        operationId: 'catalog.updateItemDraft',
        tags,
        summary: '编辑草稿 Replace a draft’s guide (any other status: 409)',
        security,
        params: VersionParams,
        body: ItemGuide,
        response: { 200: VersionView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requirePermission(Permissions.catalogItemManage),
    },
    (request) => drafts.updateDraft(request.ctx, request.params.versionId, request.body),
  );

  app.get(
    `${BASE}/:versionId/validation`,
    {
      schema: {
        operationId: 'catalog.validateItemVersion',
        tags,
        summary: '预检 Every problem submit or publish would refuse, without changing anything',
        security,
        params: VersionParams,
        response: { 200: ValidationView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.catalogItemRead),
    },
    (request) => queries.validate(request.ctx, request.params.versionId),
  );

  app.post(
    `${BASE}/:versionId/submit`,
    {
      schema: {
        operationId: 'catalog.submitItemVersion',
        tags,
        summary: '提交审核 Submit a complete draft for review (422 names every problem)',
        security,
        params: VersionParams,
        response: { 200: VersionView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requirePermission(Permissions.catalogItemManage),
    },
    (request) => publication.submit(request.ctx, request.params.versionId),
  );

  app.post(
    `${BASE}/:versionId/review`,
    {
      schema: {
        operationId: 'catalog.reviewItemVersion',
        tags,
        summary: '审核 Approve, or reject back to draft with a comment (not your own version)',
        security,
        params: VersionParams,
        body: ReviewRequest,
        response: { 200: VersionView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requirePermission(Permissions.catalogItemReview),
    },
    (request) => publication.review(request.ctx, request.params.versionId, request.body),
  );

  app.post(
    `${BASE}/:versionId/publish`,
    {
      schema: {
        operationId: 'catalog.publishItemVersion',
        tags,
        summary: '发布 Publish a reviewed version; the previous published version is superseded',
        security,
        params: VersionParams,
        response: { 200: VersionView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requirePermission(Permissions.catalogItemReview),
    },
    (request) => publication.publish(request.ctx, request.params.versionId),
  );
}
