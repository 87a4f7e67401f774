import { api } from './client';
import type {
  AssignableRole,
  AuditRecordPage,
  AuditRecordsQuery,
  AuditVerifyResult,
  ChangePasswordRequest,
  CitizenRegistration,
  CurrentUser,
  Department,
  DepartmentCreate,
  DepartmentDetail,
  DepartmentPage,
  DepartmentsQuery,
  DepartmentUpdate,
  Hall,
  HallCreate,
  HallPage,
  HallsQuery,
  HallUpdate,
  HallWindow,
  LoginEventPage,
  LoginEventsQuery,
  LoginOutcome,
  LoginRequest,
  LoginResult,
  MySessionList,
  OtpLoginRequest,
  OtpLoginResult,
  OtpRequest,
  OtpSent,
  OutboxPage,
  OutboxQuery,
  Post,
  PostPage,
  PostsQuery,
  RegionDetail,
  RegionImportRequest,
  RegionImportResult,
  RegionPage,
  RegionsQuery,
  RegisteredCitizen,
  Resource,
  Role,
  RoleCreate,
  RoleGrantsUpdate,
  RoleGroup,
  RoleGroupPage,
  RoleGroupsQuery,
  RolePage,
  RolesQuery,
  RoleUpdate,
  SecurityPolicy,
  SecurityPolicyUpdate,
  Staff,
  StaffCreate,
  StaffPage,
  StaffQuery,
  StaffUpdate,
  SystemInfo,
  WindowCreate,
  WindowPage,
  WindowsQuery,
  WindowUpdate,
} from './types';

/** Typed endpoints, one function per call of the API contract. */

export const systemApi = {
  info: () => api.get<SystemInfo>('/system/info'),
};

export const identityApi = {
  login: (username: string, password: string) =>
    api.post<LoginResult>('/identity/login', { username, password } satisfies LoginRequest),
  logout: () => api.post<void>('/identity/logout', undefined, { quiet: true }),
  me: () => api.get<CurrentUser>('/identity/me', { quiet: true }),
  sendOtp: (phone: string) => api.post<OtpSent>('/identity/otp', { phone } satisfies OtpRequest),
  loginWithOtp: (phone: string, code: string) =>
    api.post<OtpLoginResult>('/identity/login/otp', { phone, code } satisfies OtpLoginRequest),
  registerCitizen: (registration: CitizenRegistration) =>
    api.post<RegisteredCitizen>('/identity/citizens', registration),
  changePassword: (change: ChangePasswordRequest) => api.post<CurrentUser>('/identity/me/password', change),
  mySessions: () => api.get<MySessionList>('/identity/me/sessions'),
  revokeMySession: (sessionId: string) =>
    api.delete<void>(`/identity/me/sessions/${encodeURIComponent(sessionId)}`),
};

export const securityApi = {
  policy: () => api.get<SecurityPolicy>('/identity/security-policy'),
  updatePolicy: (policy: SecurityPolicyUpdate) =>
    api.put<SecurityPolicy>('/identity/security-policy', policy),
  loginEvents: (
    limit: number,
    cursor: string | null,
    filter: { username?: string; outcome?: LoginOutcome | null } = {},
  ) =>
    api.get<LoginEventPage>('/identity/login-events', {
      query: {
        limit,
        cursor: cursor ?? undefined,
        username: filter.username || undefined,
        outcome: filter.outcome ?? undefined,
      } satisfies LoginEventsQuery,
    }),
};

export const regionsApi = {
  children: (parentCode: string | null, limit: number, cursor: string | null) =>
    api.get<RegionPage>('/identity/regions', {
      query: {
        parentCode: parentCode ?? undefined,
        limit,
        cursor: cursor ?? undefined,
      } satisfies RegionsQuery,
    }),
  get: (code: string) => api.get<RegionDetail>(`/identity/regions/${encodeURIComponent(code)}`),
  import: (request: RegionImportRequest) => api.post<RegionImportResult>('/identity/regions/import', request),
};

// `satisfies` checks the query against the API, where `cursor` is optional rather than nullable.
export const auditApi = {
  records: (limit: number, cursor: string | null) =>
    api.get<AuditRecordPage>('/audit/records', {
      query: { limit, cursor: cursor ?? undefined } satisfies AuditRecordsQuery,
    }),
  verify: () => api.post<AuditVerifyResult>('/audit/verify'),
};

export const devApi = {
  outbox: (limit: number, cursor: string | null) =>
    api.get<OutboxPage>('/dev/outbox', {
      query: { limit, cursor: cursor ?? undefined } satisfies OutboxQuery,
    }),
};

const id = encodeURIComponent;

/** 部门 — departments, their posts, halls and windows. */
export const departmentsApi = {
  list: (limit: number, cursor: string | null) =>
    api.get<DepartmentPage>('/identity/departments', {
      query: { limit, cursor: cursor ?? undefined } satisfies DepartmentsQuery,
    }),
  get: (departmentId: string) => api.get<DepartmentDetail>(`/identity/departments/${id(departmentId)}`),
  create: (department: DepartmentCreate) => api.post<Department>('/identity/departments', department),
  update: (departmentId: string, changes: DepartmentUpdate) =>
    api.patch<Department>(`/identity/departments/${id(departmentId)}`, changes),
  move: (departmentId: string, parentId: string | null) =>
    api.post<Department>(`/identity/departments/${id(departmentId)}/move`, { parentId }),
  /** Quiet: the caller explains a refusal (children or staff) itself. */
  remove: (departmentId: string) =>
    api.delete<void>(`/identity/departments/${id(departmentId)}`, { quiet: true }),
  posts: (departmentId: string, limit: number, cursor: string | null) =>
    api.get<PostPage>(`/identity/departments/${id(departmentId)}/posts`, {
      query: { limit, cursor: cursor ?? undefined } satisfies PostsQuery,
    }),
  createPost: (departmentId: string, name: string) =>
    api.post<Post>(`/identity/departments/${id(departmentId)}/posts`, { name }),
};

export const hallsApi = {
  list: (departmentId: string, limit: number, cursor: string | null) =>
    api.get<HallPage>(`/identity/departments/${id(departmentId)}/halls`, {
      query: { limit, cursor: cursor ?? undefined } satisfies HallsQuery,
    }),
  create: (departmentId: string, hall: HallCreate) =>
    api.post<Hall>(`/identity/departments/${id(departmentId)}/halls`, hall),
  update: (hallId: string, changes: HallUpdate) => api.patch<Hall>(`/identity/halls/${id(hallId)}`, changes),
  remove: (hallId: string) => api.delete<void>(`/identity/halls/${id(hallId)}`),
  windows: (hallId: string, limit: number, cursor: string | null) =>
    api.get<WindowPage>(`/identity/halls/${id(hallId)}/windows`, {
      query: { limit, cursor: cursor ?? undefined } satisfies WindowsQuery,
    }),
  createWindow: (hallId: string, window: WindowCreate) =>
    api.post<HallWindow>(`/identity/halls/${id(hallId)}/windows`, window),
  updateWindow: (windowId: string, changes: WindowUpdate) =>
    api.patch<HallWindow>(`/identity/windows/${id(windowId)}`, changes),
  removeWindow: (windowId: string) => api.delete<void>(`/identity/windows/${id(windowId)}`),
};

/** 工作人员 — staff accounts and the roles the caller may grant them. */
export const staffApi = {
  list: (
    limit: number,
    cursor: string | null,
    filter: { departmentId?: string | null; subtree?: boolean; q?: string } = {},
  ) =>
    api.get<StaffPage>('/identity/staff', {
      query: {
        limit,
        cursor: cursor ?? undefined,
        departmentId: filter.departmentId ?? undefined,
        subtree: filter.departmentId && filter.subtree ? true : undefined,
        q: filter.q || undefined,
      } satisfies StaffQuery,
    }),
  create: (staff: StaffCreate) => api.post<Staff>('/identity/staff', staff),
  update: (userId: string, changes: StaffUpdate) =>
    api.patch<Staff>(`/identity/staff/${id(userId)}`, changes),
  setRoles: (userId: string, roleIds: string[]) =>
    api.put<Staff>(`/identity/staff/${id(userId)}/roles`, { roleIds }),
  assignableRoles: () =>
    api.get<{ items: AssignableRole[]; nextCursor: string | null }>('/identity/staff/assignable-roles'),
};

/** 角色管理 — the resource tree, role groups and roles. */
export const rolesApi = {
  resources: () => api.get<{ items: Resource[]; nextCursor: string | null }>('/identity/permissions'),
  groups: (limit: number, cursor: string | null) =>
    api.get<RoleGroupPage>('/identity/role-groups', {
      query: { limit, cursor: cursor ?? undefined } satisfies RoleGroupsQuery,
    }),
  createGroup: (name: string) => api.post<RoleGroup>('/identity/role-groups', { name }),
  list: (limit: number, cursor: string | null, groupId: string | null = null) =>
    api.get<RolePage>('/identity/roles', {
      query: { limit, cursor: cursor ?? undefined, groupId: groupId ?? undefined } satisfies RolesQuery,
    }),
  create: (role: RoleCreate) => api.post<Role>('/identity/roles', role),
  update: (roleId: string, changes: RoleUpdate) => api.patch<Role>(`/identity/roles/${id(roleId)}`, changes),
  setGrants: (roleId: string, grants: RoleGrantsUpdate) =>
    api.put<Role>(`/identity/roles/${id(roleId)}/grants`, grants),
  move: (roleId: string, groupId: string) =>
    api.post<Role>(`/identity/roles/${id(roleId)}/move`, { groupId }),
  remove: (roleId: string) => api.delete<void>(`/identity/roles/${id(roleId)}`),
};
