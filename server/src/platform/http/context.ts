import type { Locale } from './locale.js';

/** 数据范围 — how far a permission reaches: own records, own department, department tree, region tree, all. */
export type DataScope = 'self' | 'department' | 'departmentTree' | 'regionTree' | 'all';

/** Data scopes from narrowest to widest. */
export const SCOPE_ORDER: readonly DataScope[] = [
  'self',
  'department',
  'departmentTree',
  'regionTree',
  'all',
];

/** The widest of two data scopes: a user with several roles gets the union of what they grant. */
export function widerScope(a: DataScope, b: DataScope): DataScope {
  return SCOPE_ORDER.indexOf(a) >= SCOPE_ORDER.indexOf(b) ? a : b;
}

/** The signed-in person or system acting on a request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: readonly string[];
  /** Permission code → the widest data scope any of the actor's roles grants for it. */
  permissions: ReadonlyMap<string, DataScope>;
  sessionId: string | null;
  /** When the password the session signed in with expires; past it the actor may only change it. */
  passwordExpiresAt?: Date | null;
  /** From when the UI warns that the password is about to expire. */
  passwordWarnAt?: Date | null;
}

/**
 * Passed explicitly from routes to services (no hidden request-local state); background jobs build one
 * with `systemContext`.
 */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  locale: Locale;
  actor: Actor | null;
}

export function systemContext(purpose: string, requestId = `system:${purpose}`): RequestContext {
  return {
    requestId,
    ip: null,
    locale: 'zh-CN',
    actor: {
      userId: 'system',
      username: 'system',
      displayName: `系统任务 ${purpose}`,
      roles: [],
      permissions: new Map(),
      sessionId: null,
    },
  };
}
