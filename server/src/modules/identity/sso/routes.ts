import { Type } from 'typebox';
import type { App } from '../../../platform/http/app-type.js';
import { requirePermission } from '../../../platform/http/auth.js';
import { problemResponses } from '../../../platform/http/openapi.js';
import { page } from '../../../platform/http/paging.js';
import { Permissions } from '../permissions.js';
import type { SsoClientService } from './client-service.js';
import {
  CreateSsoClientRequest,
  ListSsoClientsQuery,
  SsoClientIdParams,
  SsoClientView,
  SsoClientWithSecret,
  UpdateSsoClientRequest,
} from './schema.js';

const tags = ['identity'];
const security = [{ bearer: [] }];
const BASE = '/api/v1/identity/sso/clients';
const manage = requirePermission(Permissions.ssoManage);

/** 单点登录应用管理 — registering the applications that sign users in with Tongban (system administrator). */
export function ssoClientRoutes(app: App, clients: SsoClientService): void {
  app.get(
    BASE,
    {
      schema: {
        operationId: 'identity.listSsoClients',
        tags,
        summary: '单点登录应用列表 Registered SSO applications (OIDC clients)',
        security,
        querystring: ListSsoClientsQuery,
        response: { 200: page(SsoClientView), ...problemResponses(400, 401, 403) },
      },
      preHandler: manage,
    },
    (request) => clients.list(request.query),
  );

  app.post(
    BASE,
    {
      schema: {
        operationId: 'identity.createSsoClient',
        tags,
        summary: '登记单点登录应用 Register an application; answers its secret once',
        security,
        body: CreateSsoClientRequest,
        response: { 201: SsoClientWithSecret, ...problemResponses(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    async (request, reply) => reply.code(201).send(await clients.create(request.ctx, request.body)),
  );

  app.patch(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'identity.updateSsoClient',
        tags,
        summary: '修改单点登录应用 Change name, redirect URIs, scopes or the enabled flag',
        security,
        params: SsoClientIdParams,
        body: UpdateSsoClientRequest,
        response: { 200: SsoClientView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    (request) => clients.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    `${BASE}/:id/secret`,
    {
      schema: {
        operationId: 'identity.rotateSsoClientSecret',
        tags,
        summary: '重置应用密钥 Replace the client secret; answers the new one once',
        security,
        params: SsoClientIdParams,
        response: { 200: SsoClientWithSecret, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    (request) => clients.rotateSecret(request.ctx, request.params.id),
  );

  app.delete(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'identity.deleteSsoClient',
        tags,
        summary: '删除单点登录应用 Remove a registration (its tokens stop working)',
        security,
        params: SsoClientIdParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request, reply) => {
      await clients.delete(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
