import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, type DataScope, type RequestContext, widerScope } from './context.js';
import { DomainError } from './errors.js';
import { pickLocale } from './locale.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

/** Resolves a bearer token to its actor, or null when the token is unknown, expired or revoked. */
export type Authenticator = (token: string, request: FastifyRequest) => Promise<Actor | null>;

/**
 * Builds `request.ctx` for every request. Identity supplies the authenticator, so the platform
 * does not depend on the identity module.
 */
export function registerRequestContext(app: FastifyInstance, authenticate: Authenticator): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request) => {
    request.ctx = {
      requestId: request.id,
      ip: request.ip ?? null,
      locale: pickLocale(request.headers['accept-language']),
      actor: null,
    };
    const token = bearerToken(request.headers.authorization);
    if (token) request.ctx.actor = await authenticate(token, request);
  });
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/**
 * preHandler: the caller must be signed in. A session whose password has expired reaches only the routes
 * that let it change the password (`allowExpiredPassword`): me, change password, log out.
 */
export function requireAuth(options: { allowExpiredPassword?: boolean } = {}) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const actor = request.ctx.actor;
    if (!actor) throw new DomainError('UNAUTHENTICATED');
    if (!options.allowExpiredPassword && passwordExpired(actor)) throw new DomainError('PASSWORD_EXPIRED');
  };
}

export function passwordExpired(actor: Actor, now = Date.now()): boolean {
  return actor.passwordExpiresAt != null && actor.passwordExpiresAt.getTime() <= now;
}

/** preHandler: the caller must hold `permission`; the granted data scope is then `scopeOf(ctx, permission)`. */
export function requirePermission(permission: string) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const actor = request.ctx.actor;
    if (!actor) throw new DomainError('UNAUTHENTICATED');
    if (passwordExpired(actor)) throw new DomainError('PASSWORD_EXPIRED');
    if (!heldScope(actor.permissions, permission)) throw new DomainError('FORBIDDEN', { permission });
  };
}

/**
 * The one rule of the resource tree: a grant of `granted` covers `requested` when it is the same code or
 * an ancestor of it (`identity:staff` covers `identity:staff:read`, also codes added after the grant).
 */
export function grantCovers(granted: string, requested: string): boolean {
  return requested === granted || requested.startsWith(`${granted}:`);
}

/** The widest scope any held grant covering `permission` gives, or null when none covers it. */
export function heldScope(held: ReadonlyMap<string, DataScope>, permission: string): DataScope | null {
  let scope: DataScope | null = held.get(permission) ?? null;
  for (const [granted, grantedScope] of held) {
    if (grantCovers(granted, permission)) scope = scope ? widerScope(scope, grantedScope) : grantedScope;
  }
  return scope;
}

export function scopeOf(ctx: RequestContext, permission: string): DataScope | null {
  return ctx.actor ? heldScope(ctx.actor.permissions, permission) : null;
}
