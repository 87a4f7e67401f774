import { Type } from 'typebox';
import type { App } from '../../../platform/http/app-type.js';
import { requireAuth } from '../../../platform/http/auth.js';
import { problemResponses } from '../../../platform/http/openapi.js';
import { page } from '../../../platform/http/paging.js';
import {
  AddDependantRequest,
  AgentParams,
  AgentView,
  AuthoriseAgentRequest,
  CitizenView,
  DependantView,
  EnterpriseParams,
  EnterpriseView,
  MyEnterpriseView,
  PageQuery,
  RegisterCitizenRequest,
  RegisterEnterpriseRequest,
} from './schema.js';
import type { PersonServices } from './service.js';

const tags = ['identity'];
const security = [{ bearer: [] }];

/** 自然人与法人 — citizen self-registration, enterprises with their agents, dependants. */
export function personRoutes(app: App, { citizens, enterprises }: PersonServices): void {
  app.post(
    '/api/v1/identity/citizens',
    {
      schema: {
        operationId: 'identity.registerCitizen',
        tags,
        summary: '个人用户注册 Citizen self-registration',
        body: RegisterCitizenRequest,
        response: { 201: CitizenView, ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await citizens.registerCitizen(request.ctx, request.body)),
  );

  app.post(
    '/api/v1/identity/enterprises',
    {
      schema: {
        operationId: 'identity.registerEnterprise',
        tags,
        summary: '法人注册 Register an enterprise (by its legal representative)',
        security,
        body: RegisterEnterpriseRequest,
        response: { 201: EnterpriseView, ...problemResponses(400, 401, 403, 409) },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) =>
      reply.code(201).send(await enterprises.registerEnterprise(request.ctx, request.body)),
  );

  app.post(
    '/api/v1/identity/enterprises/:id/agents',
    {
      schema: {
        operationId: 'identity.authoriseAgent',
        tags,
        summary: '授权经办人 Authorise an agent (legal representative only)',
        security,
        params: EnterpriseParams,
        body: AuthoriseAgentRequest,
        response: { 201: AgentView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) =>
      reply.code(201).send(await enterprises.authoriseAgent(request.ctx, request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/identity/enterprises/:id/agents/:userId',
    {
      schema: {
        operationId: 'identity.revokeAgent',
        tags,
        summary: '撤销经办人授权 Revoke an agent (legal representative only)',
        security,
        params: AgentParams,
        response: {
          204: Type.Null({ description: 'Revoked' }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) => {
      await enterprises.revokeAgent(request.ctx, request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/identity/me/enterprises',
    {
      schema: {
        operationId: 'identity.listMyEnterprises',
        tags,
        summary: '我的企业 Enterprises I act for',
        security,
        querystring: PageQuery,
        response: { 200: page(MyEnterpriseView), ...problemResponses(400, 401) },
      },
      preHandler: requireAuth(),
    },
    (request) => enterprises.listMyEnterprises(request.ctx, request.query),
  );

  app.post(
    '/api/v1/identity/me/dependants',
    {
      schema: {
        operationId: 'identity.addDependant',
        tags,
        summary: '添加家庭成员 Add a dependant',
        security,
        body: AddDependantRequest,
        response: { 201: DependantView, ...problemResponses(400, 401, 403, 409) },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) => reply.code(201).send(await citizens.addDependant(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/identity/me/dependants',
    {
      schema: {
        operationId: 'identity.listMyDependants',
        tags,
        summary: '我的家庭成员 My dependants',
        security,
        querystring: PageQuery,
        response: { 200: page(DependantView), ...problemResponses(400, 401) },
      },
      preHandler: requireAuth(),
    },
    (request) => citizens.listMyDependants(request.ctx, request.query),
  );
}
