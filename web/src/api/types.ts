/**
 * Types of the Tongban HTTP API, derived from `schema.d.ts`, which `npm run api:types` generates from the
 * server's OpenAPI document. Nothing here restates a field: change the route schema and regenerate.
 */
import type { operations } from './schema';

type Responses<Id extends keyof operations> = operations[Id]['responses'];

/** The JSON body of an operation's successful answer, by operationId (see docs/api.md). */
type Ok<Id extends keyof operations> =
  Responses<Id> extends { 200: { content: { 'application/json': infer T } } } ? T : never;

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

export type AuditRecordsQuery = operations['audit.listRecords']['parameters']['query'];
export type AuditRecordPage = Ok<'audit.listRecords'>;
export type AuditRecord = AuditRecordPage['items'][number];
export type AuditVerifyResult = Ok<'audit.verifyChain'>;

export type OutboxQuery = operations['dev.listOutbox']['parameters']['query'];
export type OutboxPage = Ok<'dev.listOutbox'>;
export type OutboxMessage = OutboxPage['items'][number];

/** The channels the UI knows how to label; the API documents `channel` as a plain string. */
export type OutboxChannel = 'inApp' | 'sms' | 'email';
