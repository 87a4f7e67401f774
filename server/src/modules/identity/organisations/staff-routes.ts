import type { App } from '../../../platform/http/app-type.js';
import { requirePermission } from '../../../platform/http/auth.js';
import { problemResponses } from '../../../platform/http/openapi.js';
import { page } from '../../../platform/http/paging.js';
import { Permissions } from '../permissions.js';
import {
  AssignableRoleList,
  CreateStaffRequest,
  ListStaffQuery,
  SetStaffRolesRequest,
  StaffView,
  UpdateStaffRequest,
  UserParams,
} from './schema.js';
import type { StaffService } from './staff-service.js';

const tags = ['identity'];
const security = [{ bearer: [] }];
const BASE = '/api/v1/identity/staff';
const manage = requirePermission(Permissions.staffManage);

/** 工作人员 — staff accounts, their department and post, and their roles (granted without escalation). */
export function staffRoutes(app: App, staff: StaffService): void {
  app.get(
    BASE,
    {
      schema: {
        operationId: 'identity.listStaff',
        tags,
        summary: '工作人员列表 Staff in my data scope',
        security,
        querystring: ListStaffQuery,
        response: { 200: page(StaffView), ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission(Permissions.staffRead),
    },
    (request) => staff.list(request.ctx, request.query),
  );

  app.get(
    `${BASE}/assignable-roles`,
    {
      schema: {
        operationId: 'identity.listAssignableRoles',
        tags,
        summary: '可授予的角色 Roles I may grant to staff (no escalation)',
        security,
        response: { 200: AssignableRoleList, ...problemResponses(401, 403) },
      },
      preHandler: manage,
    },
    (request) => staff.assignableRoles(request.ctx),
  );

  app.post(
    BASE,
    {
      schema: {
        operationId: 'identity.createStaff',
        tags,
        summary: '新建工作人员 Create a staff account',
        security,
        body: CreateStaffRequest,
        response: { 201: StaffView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request, reply) => reply.code(201).send(await staff.create(request.ctx, request.body)),
  );

  app.patch(
    `${BASE}/:userId`,
    {
      schema: {
        operationId: 'identity.updateStaff',
        tags,
        summary: '修改工作人员 Change department, post, or enable / disable',
        security,
        params: UserParams,
        body: UpdateStaffRequest,
        response: { 200: StaffView, ...problemResponses(400, 401, 403, 404, 422) },
      },
      preHandler: manage,
    },
    (request) => staff.update(request.ctx, request.params.userId, request.body),
  );

  app.put(
    `${BASE}/:userId/roles`,
    {
      schema: {
        operationId: 'identity.setStaffRoles',
        tags,
        summary: '设置角色 Replace a staff member’s roles',
        security,
        params: UserParams,
        body: SetStaffRolesRequest,
        response: { 200: StaffView, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    (request) => staff.setRoles(request.ctx, request.params.userId, request.body.roleIds),
  );
}
