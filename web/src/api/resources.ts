import { api } from './client';
import type {
  AuditRecordPage,
  AuditRecordsQuery,
  AuditVerifyResult,
  CitizenRegistration,
  CurrentUser,
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
  RegionDetail,
  RegionImportRequest,
  RegionImportResult,
  RegionPage,
  RegionsQuery,
  RegisteredCitizen,
  SecurityPolicy,
  SecurityPolicyUpdate,
  SystemInfo,
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
