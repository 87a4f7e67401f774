import { Type } from 'typebox';
import type { App } from '../../../platform/http/app-type.js';
import { requirePermission } from '../../../platform/http/auth.js';
import { problemResponses } from '../../../platform/http/openapi.js';
import { page } from '../../../platform/http/paging.js';
import { Permissions } from '../permissions.js';
import type { HallService } from './hall-service.js';
import type { PostService } from './post-service.js';
import {
  CreateHallRequest,
  CreatePostRequest,
  CreateWindowRequest,
  HallView,
  IdParams,
  PageQuery,
  PostView,
  UpdateHallRequest,
  UpdateWindowRequest,
  WindowView,
} from './schema.js';

const tags = ['identity'];
const security = [{ bearer: [] }];
const API = '/api/v1/identity';
const Deleted = Type.Null({ description: 'Deleted' });
const read = requirePermission(Permissions.departmentRead);
const manageHalls = requirePermission(Permissions.hallManage);

/** 大厅、窗口、岗位 under a department. */
export function hallRoutes(app: App, halls: HallService, posts: PostService): void {
  const list = { 200: undefined, ...problemResponses(400, 401, 403, 404) };
  const write = problemResponses(400, 401, 403, 404, 409);

  app.get(
    `${API}/departments/:id/halls`,
    {
      schema: {
        operationId: 'identity.listHalls',
        tags,
        summary: '办事大厅列表 Halls of a department',
        security,
        params: IdParams,
        querystring: PageQuery,
        response: { ...list, 200: page(HallView) },
      },
      preHandler: read,
    },
    (request) => halls.listHalls(request.ctx, request.params.id, request.query),
  );
  app.post(
    `${API}/departments/:id/halls`,
    {
      schema: {
        operationId: 'identity.createHall',
        tags,
        summary: '新建办事大厅 Create a hall',
        security,
        params: IdParams,
        body: CreateHallRequest,
        response: { 201: HallView, ...write },
      },
      preHandler: manageHalls,
    },
    async (request, reply) =>
      reply.code(201).send(await halls.createHall(request.ctx, request.params.id, request.body)),
  );
  app.patch(
    `${API}/halls/:id`,
    {
      schema: {
        operationId: 'identity.updateHall',
        tags,
        summary: '修改办事大厅 Update a hall',
        security,
        params: IdParams,
        body: UpdateHallRequest,
        response: { 200: HallView, ...write },
      },
      preHandler: manageHalls,
    },
    (request) => halls.updateHall(request.ctx, request.params.id, request.body),
  );
  app.delete(
    `${API}/halls/:id`,
    {
      schema: {
        operationId: 'identity.deleteHall',
        tags,
        summary: '删除办事大厅 Delete a hall and its windows',
        security,
        params: IdParams,
        response: { 204: Deleted, ...write },
      },
      preHandler: manageHalls,
    },
    async (request, reply) => {
      await halls.deleteHall(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    `${API}/halls/:id/windows`,
    {
      schema: {
        operationId: 'identity.listWindows',
        tags,
        summary: '窗口列表 Windows of a hall',
        security,
        params: IdParams,
        querystring: PageQuery,
        response: { ...list, 200: page(WindowView) },
      },
      preHandler: read,
    },
    (request) => halls.listWindows(request.ctx, request.params.id, request.query),
  );
  app.post(
    `${API}/halls/:id/windows`,
    {
      schema: {
        operationId: 'identity.createWindow',
        tags,
        summary: '新建窗口 Create a window',
        security,
        params: IdParams,
        body: CreateWindowRequest,
        response: { 201: WindowView, ...write },
      },
      preHandler: manageHalls,
    },
    async (request, reply) =>
      reply.code(201).send(await halls.createWindow(request.ctx, request.params.id, request.body)),
  );
  app.patch(
    `${API}/windows/:id`,
    {
      schema: {
        operationId: 'identity.updateWindow',
        tags,
        summary: '修改窗口 Update a window',
        security,
        params: IdParams,
        body: UpdateWindowRequest,
        response: { 200: WindowView, ...write },
      },
      preHandler: manageHalls,
    },
    (request) => halls.updateWindow(request.ctx, request.params.id, request.body),
  );
  app.delete(
    `${API}/windows/:id`,
    {
      schema: {
        operationId: 'identity.deleteWindow',
        tags,
        summary: '删除窗口 Delete a window',
        security,
        params: IdParams,
        response: { 204: Deleted, ...write },
      },
      preHandler: manageHalls,
    },
    async (request, reply) => {
      await halls.deleteWindow(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    `${API}/departments/:id/posts`,
    {
      schema: {
        operationId: 'identity.listPosts',
        tags,
        summary: '岗位列表 Posts of a department',
        security,
        params: IdParams,
        querystring: PageQuery,
        response: { ...list, 200: page(PostView) },
      },
      preHandler: read,
    },
    (request) => posts.listPosts(request.ctx, request.params.id, request.query),
  );
  app.post(
    `${API}/departments/:id/posts`,
    {
      schema: {
        operationId: 'identity.createPost',
        tags,
        summary: '新建岗位 Create a post',
        security,
        params: IdParams,
        body: CreatePostRequest,
        response: { 201: PostView, ...write },
      },
      preHandler: requirePermission(Permissions.departmentManage),
    },
    async (request, reply) =>
      reply.code(201).send(await posts.createPost(request.ctx, request.params.id, request.body)),
  );
}
