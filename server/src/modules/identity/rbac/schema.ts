import { type Static, Type } from 'typebox';
import { Cursor, Limit } from '../../../platform/http/paging.js';

const Id = Type.String({ format: 'uuid' });
const obj = { additionalProperties: false } as const;

export const DataScopeSchema = Type.Union(
  [
    Type.Literal('self'),
    Type.Literal('department'),
    Type.Literal('departmentTree'),
    Type.Literal('regionTree'),
    Type.Literal('all'),
  ],
  {
    description:
      '数据范围: self 本人 / department 本部门 / departmentTree 本部门及下级 / regionTree 本区划及下级 / all 全部',
  },
);

const PermissionCode = Type.String({
  pattern: '^[a-z][a-zA-Z0-9]*(:[a-z][a-zA-Z0-9]*)*$',
  maxLength: 100,
  description: 'A resource code; granting it grants every code below it',
});

export const RoleIdParams = Type.Object({ id: Id }, obj);

export const ResourceView = Type.Object(
  {
    code: Type.String(),
    parentCode: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    kind: Type.Union([Type.Literal('menu'), Type.Literal('action')]),
    sort: Type.Integer(),
  },
  { description: 'A node of the resource / menu tree (资源树); its code is a permission code' },
);
export type ResourceView = Static<typeof ResourceView>;

export const ResourceList = Type.Object(
  {
    items: Type.Array(ResourceView, { description: 'The whole tree, depth first, parents before children' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Always null: one page' }),
  },
  { description: 'The resource tree' },
);

export const RoleGroupView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    builtin: Type.Boolean(),
    roleCount: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A role group (角色组)' },
);
export type RoleGroupView = Static<typeof RoleGroupView>;

export const PageQuery = Type.Object({ limit: Limit, cursor: Cursor }, obj);
export type PageQuery = Static<typeof PageQuery>;

export const CreateRoleGroupRequest = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }) },
  obj,
);

export const GrantView = Type.Object({ permission: Type.String(), scope: DataScopeSchema });

export const RoleView = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    description: Type.String(),
    builtin: Type.Boolean(),
    groupId: Id,
    grants: Type.Array(GrantView),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A role with its grants' },
);
export type RoleView = Static<typeof RoleView>;

export const ListRolesQuery = Type.Object({ groupId: Type.Optional(Id), limit: Limit, cursor: Cursor }, obj);
export type ListRolesQuery = Static<typeof ListRolesQuery>;

const Permissions = Type.Array(PermissionCode, { maxItems: 100, uniqueItems: true });
const Scopes = Type.Optional(
  Type.Record(Type.String({ pattern: '^[a-z][a-zA-Z0-9]*(:[a-z][a-zA-Z0-9]*)*$' }), DataScopeSchema, {
    additionalProperties: false,
    description: 'Per-permission data scopes overriding `dataScope`; every key must be in `permissions`',
  }),
);

export const CreateRoleRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    code: Type.Optional(
      Type.String({ pattern: '^[a-z][a-z0-9_]{2,31}$', description: 'Generated when absent' }),
    ),
    description: Type.Optional(Type.String({ maxLength: 200 })),
    groupId: Type.Optional(Type.String({ format: 'uuid', description: 'Defaults to the group 默认' })),
    permissions: Permissions,
    dataScope: DataScopeSchema,
    scopes: Scopes,
  },
  obj,
);
export type CreateRoleRequest = Static<typeof CreateRoleRequest>;

export const SetRoleGrantsRequest = Type.Object(
  { permissions: Permissions, dataScope: DataScopeSchema, scopes: Scopes },
  obj,
);
export type SetRoleGrantsRequest = Static<typeof SetRoleGrantsRequest>;

export const MoveRoleRequest = Type.Object({ groupId: Id }, obj);

export const UpdateRoleRequest = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    description: Type.Optional(Type.String({ maxLength: 200 })),
  },
  obj,
);
export type UpdateRoleRequest = Static<typeof UpdateRoleRequest>;
