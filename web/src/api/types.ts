/**
 * Types of the Tongban HTTP API, derived from `schema.d.ts`, which `npm run api:types` generates from the
 * server's OpenAPI document. Nothing here restates a field: change the route schema and regenerate.
 */
import type { operations } from './schema';

type Responses<Id extends keyof operations> = operations[Id]['responses'];

/** The JSON body of an operation's successful answer, by operationId (see docs/api.md). */
type Ok<Id extends keyof operations> =
  Responses<Id> extends { 200: { content: { 'application/json': infer T } } } ? T : never;

/** The JSON body of an operation answering 201 Created / 202 Accepted. */
type Created<Id extends keyof operations> =
  Responses<Id> extends { 201: { content: { 'application/json': infer T } } } ? T : never;
type Accepted<Id extends keyof operations> =
  Responses<Id> extends { 202: { content: { 'application/json': infer T } } } ? T : never;

/** The query parameters of an operation. */
type Query<Id extends keyof operations> = operations[Id]['parameters']['query'];

/** The JSON request body of an operation. */
type Body<Id extends keyof operations> = operations[Id] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** RFC 9457 problem details, as returned by every failing call (the same schema on every route). */
export type Problem = Responses<'identity.me'>[401]['content']['application/problem+json'];

/** `{ items, nextCursor }`, the shape of every list; the generated list answers are assignable to it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type SystemInfo = Ok<'platform.systemInfo'>;

export type CurrentUser = Ok<'identity.me'>;

export type LoginRequest = Body<'identity.login'>;
export type LoginResult = Ok<'identity.login'>;

export type OtpRequest = Body<'identity.sendOtp'>;
export type OtpSent = Accepted<'identity.sendOtp'>;
export type OtpLoginRequest = Body<'identity.loginWithOtp'>;
export type OtpLoginResult = Ok<'identity.loginWithOtp'>;

export type CitizenRegistration = Body<'identity.registerCitizen'>;
export type RegisteredCitizen = Created<'identity.registerCitizen'>;

export type ChangePasswordRequest = Body<'identity.changePassword'>;

export type MySessionList = Ok<'identity.listMySessions'>;
export type MySession = MySessionList['items'][number];

export type SecurityPolicy = Ok<'identity.getSecurityPolicy'>;
export type SecurityPolicyUpdate = Body<'identity.updateSecurityPolicy'>;

export type LoginEventsQuery = Query<'identity.listLoginEvents'>;
export type LoginEventPage = Ok<'identity.listLoginEvents'>;
export type LoginEvent = LoginEventPage['items'][number];
export type LoginOutcome = NonNullable<LoginEventsQuery['outcome']>;

export type RegionsQuery = Query<'identity.listRegions'>;
export type RegionPage = Ok<'identity.listRegions'>;
export type RegionNode = RegionPage['items'][number];
export type RegionLevel = RegionNode['level'];
export type RegionDetail = Ok<'identity.getRegion'>;
export type RegionImportRequest = Body<'identity.importRegions'>;
export type RegionImportResult = Ok<'identity.importRegions'>;

export type AuditRecordsQuery = Query<'audit.listRecords'>;
export type AuditRecordPage = Ok<'audit.listRecords'>;
export type AuditRecord = AuditRecordPage['items'][number];
export type AuditVerifyResult = Ok<'audit.verifyChain'>;

export type OutboxQuery = Query<'dev.listOutbox'>;
export type OutboxPage = Ok<'dev.listOutbox'>;
export type OutboxMessage = OutboxPage['items'][number];

/** The channels the UI knows how to label; the API documents `channel` as a plain string. */
export type OutboxChannel = 'inApp' | 'sms' | 'email';

/** 组织机构: departments, halls and windows, posts, staff. */
export type DepartmentsQuery = Query<'identity.listDepartments'>;
export type DepartmentPage = Ok<'identity.listDepartments'>;
export type Department = DepartmentPage['items'][number];
export type DepartmentStatus = Department['status'];
export type DepartmentDetail = Ok<'identity.getDepartment'>;
export type DepartmentCreate = Body<'identity.createDepartment'>;
export type DepartmentUpdate = Body<'identity.updateDepartment'>;

export type HallsQuery = Query<'identity.listHalls'>;
export type WindowsQuery = Query<'identity.listWindows'>;
export type PostsQuery = Query<'identity.listPosts'>;
export type HallPage = Ok<'identity.listHalls'>;
export type Hall = HallPage['items'][number];
export type HallCreate = Body<'identity.createHall'>;
export type HallUpdate = Body<'identity.updateHall'>;
export type WindowPage = Ok<'identity.listWindows'>;
export type HallWindow = WindowPage['items'][number];
export type WindowCreate = Body<'identity.createWindow'>;
export type WindowUpdate = Body<'identity.updateWindow'>;
export type PostPage = Ok<'identity.listPosts'>;
export type Post = PostPage['items'][number];

export type StaffQuery = Query<'identity.listStaff'>;
export type StaffPage = Ok<'identity.listStaff'>;
export type Staff = StaffPage['items'][number];
export type StaffCreate = Body<'identity.createStaff'>;
export type StaffUpdate = Body<'identity.updateStaff'>;
export type AssignableRole = Ok<'identity.listAssignableRoles'>['items'][number];

/** 角色管理: the resource tree, role groups, roles and their grants. */
export type Resource = Ok<'identity.listPermissions'>['items'][number];
export type RoleGroupsQuery = Query<'identity.listRoleGroups'>;
export type RoleGroupPage = Ok<'identity.listRoleGroups'>;
export type RoleGroup = RoleGroupPage['items'][number];
export type RolesQuery = Query<'identity.listRoles'>;
export type RolePage = Ok<'identity.listRoles'>;
export type Role = RolePage['items'][number];
export type DataScope = Role['grants'][number]['scope'];
export type RoleCreate = Body<'identity.createRole'>;
export type RoleUpdate = Body<'identity.updateRole'>;
export type RoleGrantsUpdate = Body<'identity.setRoleGrants'>;
