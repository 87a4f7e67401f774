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
