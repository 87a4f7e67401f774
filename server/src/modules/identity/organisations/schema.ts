import { type Static, Type } from 'typebox';
import { Cursor, Limit } from '../../../platform/http/paging.js';
import { DataScopeSchema } from '../rbac/schema.js';
import { RegionCode } from '../regions/schema.js';

const Id = Type.String({ format: 'uuid' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')], {
  description: 'active 启用 / disabled 停用',
});
const Code = Type.String({
  pattern: '^[0-9A-Za-z_-]{1,32}$',
  description: '统一社会信用代码 or an internal code',
});
const obj = { additionalProperties: false } as const;

export const IdParams = Type.Object({ id: Id }, obj);
export const UserParams = Type.Object({ userId: Id }, obj);
export const PageQuery = Type.Object({ limit: Limit, cursor: Cursor }, obj);
export type PageQuery = Static<typeof PageQuery>;

export const DepartmentView = Type.Object(
  {
    id: Id,
    name: Type.String(),
    code: Nullable(Type.String()),
    regionCode: Type.String(),
    regionName: Type.String(),
    parentId: Nullable(Type.String()),
    path: Type.String({ description: 'Department ids from the root, joined by `.`' }),
    status: Status,
    sort: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A department (部门)' },
);
export type DepartmentView = Static<typeof DepartmentView>;

export const DepartmentDetail = Type.Object(
  {
    ...DepartmentView.properties,
    childCount: Type.Integer({ description: 'Direct child departments' }),
    staffCount: Type.Integer({ description: 'Staff whose home department it is' }),
  },
  { description: 'A department with its counts' },
);

export const ListDepartmentsQuery = Type.Object(
  {
    parentId: Type.Optional(Type.String({ format: 'uuid', description: 'Only its direct children' })),
    regionCode: Type.Optional(
      Type.String({ pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$', description: 'Only in this region or below' }),
    ),
    limit: Limit,
    cursor: Cursor,
  },
  obj,
);
export type ListDepartmentsQuery = Static<typeof ListDepartmentsQuery>;

export const CreateDepartmentRequest = Type.Object(
  { name: Name, regionCode: RegionCode, parentId: Type.Optional(Id), code: Type.Optional(Code) },
  obj,
);
export type CreateDepartmentRequest = Static<typeof CreateDepartmentRequest>;

export const UpdateDepartmentRequest = Type.Object(
  {
    name: Type.Optional(Name),
    code: Type.Optional(Nullable(Code)),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    status: Type.Optional(Status),
  },
  obj,
);
export type UpdateDepartmentRequest = Static<typeof UpdateDepartmentRequest>;

export const MoveDepartmentRequest = Type.Object(
  { parentId: Type.Union([Id, Type.Null()], { description: 'New parent; null makes it a root' }) },
  obj,
);

export const HallView = Type.Object({
  id: Id,
  departmentId: Id,
  name: Type.String(),
  address: Type.String(),
  openingHours: Type.String(),
  status: Status,
});
export type HallView = Static<typeof HallView>;
const Text = Type.String({ maxLength: 200 });
export const CreateHallRequest = Type.Object(
  { name: Name, address: Type.Optional(Text), openingHours: Type.Optional(Text) },
  obj,
);
export type CreateHallRequest = Static<typeof CreateHallRequest>;
export const UpdateHallRequest = Type.Object(
  {
    name: Type.Optional(Name),
    address: Type.Optional(Text),
    openingHours: Type.Optional(Text),
    status: Type.Optional(Status),
  },
  obj,
);
export type UpdateHallRequest = Static<typeof UpdateHallRequest>;

const WindowNumber = Type.String({ pattern: '^[0-9A-Za-z-]{1,16}$', description: '窗口号, e.g. 01' });
export const WindowView = Type.Object({
  id: Id,
  hallId: Id,
  number: Type.String(),
  name: Type.String(),
  status: Status,
});
export type WindowView = Static<typeof WindowView>;
export const CreateWindowRequest = Type.Object({ number: WindowNumber, name: Name }, obj);
export type CreateWindowRequest = Static<typeof CreateWindowRequest>;
export const UpdateWindowRequest = Type.Object(
  { number: Type.Optional(WindowNumber), name: Type.Optional(Name), status: Type.Optional(Status) },
  obj,
);
export type UpdateWindowRequest = Static<typeof UpdateWindowRequest>;

export const PostView = Type.Object({ id: Id, departmentId: Id, name: Type.String() });
export const CreatePostRequest = Type.Object({ name: Name }, obj);

export const StaffView = Type.Object(
  {
    userId: Id,
    username: Type.String(),
    name: Type.String(),
    departmentId: Id,
    departmentName: Type.String(),
    postId: Nullable(Type.String()),
    postName: Nullable(Type.String()),
    phone: Nullable(Type.String({ description: 'Masked' })),
    status: Status,
    roles: Type.Array(Type.String(), { description: 'Role codes' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A staff member (工作人员)' },
);
export type StaffView = Static<typeof StaffView>;

export const ListStaffQuery = Type.Object(
  {
    departmentId: Type.Optional(Id),
    subtree: Type.Optional(
      Type.Boolean({ description: 'With departmentId: also the staff of every department below it' }),
    ),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, description: 'Username or name contains (any case)' }),
    ),
    limit: Limit,
    cursor: Cursor,
  },
  obj,
);
export type ListStaffQuery = Static<typeof ListStaffQuery>;

const RoleIds = Type.Array(Id, { maxItems: 50, uniqueItems: true });
export const CreateStaffRequest = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{2,31}$' }),
    name: Name,
    password: Type.String({ minLength: 1, maxLength: 128 }),
    departmentId: Id,
    postId: Type.Optional(Id),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    roleIds: RoleIds,
  },
  obj,
);
export type CreateStaffRequest = Static<typeof CreateStaffRequest>;

export const UpdateStaffRequest = Type.Object(
  {
    departmentId: Type.Optional(Id),
    postId: Type.Optional(Type.Union([Id, Type.Null()])),
    status: Type.Optional(Status),
  },
  obj,
);
export type UpdateStaffRequest = Static<typeof UpdateStaffRequest>;

export const SetStaffRolesRequest = Type.Object({ roleIds: RoleIds }, obj);

export const AssignableRoleView = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    description: Type.String(),
    builtin: Type.Boolean(),
    grants: Type.Array(Type.Object({ permission: Type.String(), scope: DataScopeSchema })),
  },
  { description: 'A role the caller may grant: each of its grants is covered by one of theirs, as wide' },
);
export type AssignableRoleView = Static<typeof AssignableRoleView>;

export const AssignableRoleList = Type.Object(
  {
    items: Type.Array(AssignableRoleView),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Always null: one page' }),
  },
  { description: 'The roles the caller may assign to staff' },
);
