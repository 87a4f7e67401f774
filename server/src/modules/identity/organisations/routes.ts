import { Type } from 'typebox';
import type { App } from '../../../platform/http/app-type.js';
import { requirePermission } from '../../../platform/http/auth.js';
import { problemResponses } from '../../../platform/http/openapi.js';
import { page } from '../../../platform/http/paging.js';
import { Permissions } from '../permissions.js';
import { hallRoutes } from './hall-routes.js';
import {
  CreateDepartmentRequest,
  DepartmentDetail,
  DepartmentView,
  IdParams,
  ListDepartmentsQuery,
  MoveDepartmentRequest,
  UpdateDepartmentRequest,
} from './schema.js';
import type { OrganisationServices } from './service.js';
import { staffRoutes } from './staff-routes.js';

const tags = ['identity'];
const security = [{ bearer: [] }];
const BASE = '/api/v1/identity/departments';

/** 组织机构 — departments, halls, windows, posts and staff, each within the caller's data scope. */
export function organisationRoutes(app: App, services: OrganisationServices): void {
  const { departments } = services;
  app.get(
    BASE,
    {
      schema: {
        operationId: 'identity.listDepartments',
        tags,
        summary: '部门列表 Departments in my data scope',
        security,
        querystring: ListDepartmentsQuery,
        response: { 200: page(DepartmentView), ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.departmentRead),
    },
    (request) => departments.list(request.ctx, request.query),
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'identity.getDepartment',
        tags,
        summary: '部门详情 A department with its child and staff counts',
        security,
        params: IdParams,
        response: { 200: DepartmentDetail, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.departmentRead),
    },
    (request) => departments.get(request.ctx, request.params.id),
  );

  app.post(
    BASE,
    {
      schema: {
        operationId: 'identity.createDepartment',
        tags,
        summary: '新建部门 Create a department',
        security,
        body: CreateDepartmentRequest,
        response: { 201: DepartmentView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requirePermission(Permissions.departmentManage),
    },
    async (request, reply) => reply.code(201).send(await departments.create(request.ctx, request.body)),
  );

  app.patch(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'identity.updateDepartment',
        tags,
        summary: '修改部门 Rename, recode, reorder, enable or disable a department',
        security,
        params: IdParams,
        body: UpdateDepartmentRequest,
        response: { 200: DepartmentView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requirePermission(Permissions.departmentManage),
    },
    (request) => departments.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    `${BASE}/:id/move`,
    {
      schema: {
        operationId: 'identity.moveDepartment',
        tags,
        summary: '移动部门 Move a department with its subtree',
        security,
        params: IdParams,
        body: MoveDepartmentRequest,
        response: { 200: DepartmentView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requirePermission(Permissions.departmentManage),
    },
    (request) => departments.move(request.ctx, request.params.id, request.body.parentId),
  );

  app.delete(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'identity.deleteDepartment',
        tags,
        summary: '删除部门 Delete a department without children or staff',
        security,
        params: IdParams,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
      preHandler: requirePermission(Permissions.departmentManage),
    },
    async (request, reply) => {
      await departments.delete(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  hallRoutes(app, services.halls, services.posts);
  staffRoutes(app, services.staff);
}
