import { Type } from 'typebox';
import type { App } from '../../../platform/http/app-type.js';
import { requirePermission } from '../../../platform/http/auth.js';
import { problemResponses } from '../../../platform/http/openapi.js';
import { page } from '../../../platform/http/paging.js';
import { Permissions } from '../permissions.js';
import {
  CreateRoleGroupRequest,
  CreateRoleRequest,
  ListRolesQuery,
  MoveRoleRequest,
  PageQuery,
  ResourceList,
  RoleGroupView,
  RoleIdParams,
  RoleView,
  SetRoleGrantsRequest,
  UpdateRoleRequest,
} from './schema.js';
import type { RbacService } from './service.js';

const tags = ['identity'];
const security = [{ bearer: [] }];
const BASE = '/api/v1/identity';
const read = requirePermission(Permissions.roleRead);
const manage = requirePermission(Permissions.roleManage);

/** 角色管理 — the resource tree, role groups, roles and their grants (security administrator). */
export function rbacRoutes(app: App, rbac: RbacService): void {
  app.get(
    `${BASE}/permissions`,
    {
      schema: {
        operationId: 'identity.listPermissions',
        tags,
        summary: '资源树 The resource / menu tree (permission codes with names)',
        security,
        response: { 200: ResourceList, ...problemResponses(401, 403) },
      },
      preHandler: read,
    },
    () => rbac.listResources(),
  );

  app.get(
    `${BASE}/role-groups`,
    {
      schema: {
        operationId: 'identity.listRoleGroups',
        tags,
        summary: '角色组列表 Role groups',
        security,
        querystring: PageQuery,
        response: { 200: page(RoleGroupView), ...problemResponses(400, 401, 403) },
      },
      preHandler: read,
    },
    (request) => rbac.listGroups(request.query),
  );

  app.post(
    `${BASE}/role-groups`,
    {
      schema: {
        operationId: 'identity.createRoleGroup',
        tags,
        summary: '新建角色组 Create a role group',
        security,
        body: CreateRoleGroupRequest,
        response: { 201: RoleGroupView, ...problemResponses(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    async (request, reply) => reply.code(201).send(await rbac.createGroup(request.ctx, request.body)),
  );

  app.get(
    `${BASE}/roles`,
    {
      schema: {
        operationId: 'identity.listRoles',
        tags,
        summary: '角色列表 Roles with their grants',
        security,
        querystring: ListRolesQuery,
        response: { 200: page(RoleView), ...problemResponses(400, 401, 403) },
      },
      preHandler: read,
    },
    (request) => rbac.listRoles(request.query),
  );

  app.post(
    `${BASE}/roles`,
    {
      schema: {
        operationId: 'identity.createRole',
        tags,
        summary: '新建角色 Create a role (no grant beyond your own)',
        security,
        body: CreateRoleRequest,
        response: { 201: RoleView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request, reply) => reply.code(201).send(await rbac.createRole(request.ctx, request.body)),
  );

  app.patch(
    `${BASE}/roles/:id`,
    {
      schema: {
        operationId: 'identity.updateRole',
        tags,
        summary: '修改角色 Rename a role or change its description',
        security,
        params: RoleIdParams,
        body: UpdateRoleRequest,
        response: { 200: RoleView, ...problemResponses(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    (request) => rbac.update(request.ctx, request.params.id, request.body),
  );

  app.put(
    `${BASE}/roles/:id/grants`,
    {
      schema: {
        operationId: 'identity.setRoleGrants',
        tags,
        summary: '设置角色授权 Replace a role’s grants (no grant beyond your own)',
        security,
        params: RoleIdParams,
        body: SetRoleGrantsRequest,
        response: { 200: RoleView, ...problemResponses(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    (request) => rbac.setGrants(request.ctx, request.params.id, request.body),
  );

  app.post(
    `${BASE}/roles/:id/move`,
    {
      schema: {
        operationId: 'identity.moveRole',
        tags,
        summary: '移动角色 Move a role to another group',
        security,
        params: RoleIdParams,
        body: MoveRoleRequest,
        response: { 200: RoleView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    (request) => rbac.move(request.ctx, request.params.id, request.body.groupId),
  );

  app.delete(
    `${BASE}/roles/:id`,
    {
      schema: {
        operationId: 'identity.deleteRole',
        tags,
        summary: '删除角色 Delete a role nobody holds',
        security,
        params: RoleIdParams,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problemResponses(400, 401, 403, 409),
        },
      },
      preHandler: manage,
    },
    async (request, reply) => {
      await rbac.delete(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
