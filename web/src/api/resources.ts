import { api } from './client';
import type {
  AuditRecordPage,
  AuditRecordsQuery,
  AuditVerifyResult,
  CurrentUser,
  LoginRequest,
  LoginResult,
  OutboxPage,
  OutboxQuery,
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
