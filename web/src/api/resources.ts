import { api } from './client';
import type {
  AuditRecord,
  AuditVerifyResult,
  CurrentUser,
  CursorPage,
  LoginResult,
  OutboxMessage,
  SystemInfo,
} from './types';

/** Typed endpoints, one function per call of the API contract. */

export const systemApi = {
  info: () => api.get<SystemInfo>('/system/info'),
};

export const identityApi = {
  login: (username: string, password: string) =>
    api.post<LoginResult>('/identity/login', { username, password }),
  logout: () => api.post<void>('/identity/logout', undefined, { quiet: true }),
  me: () => api.get<CurrentUser>('/identity/me', { quiet: true }),
};

export const auditApi = {
  records: (limit: number, cursor: string | null) =>
    api.get<CursorPage<AuditRecord>>('/audit/records', { query: { limit, cursor } }),
  verify: () => api.post<AuditVerifyResult>('/audit/verify'),
};

export const devApi = {
  outbox: (limit: number, cursor: string | null) =>
    api.get<CursorPage<OutboxMessage>>('/dev/outbox', { query: { limit, cursor } }),
};
