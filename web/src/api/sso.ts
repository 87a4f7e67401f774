/**
 * 单点登录: the registry of integrated applications (admin) and the sign-in requests they send to the
 * portal sign-in page. Types come from `schema.d.ts` like those of `types.ts`.
 */
import { api } from './client';
import type { operations } from './schema';

type Responses<Id extends keyof operations> = operations[Id]['responses'];
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Body<Id extends keyof operations> = operations[Id] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type SsoClientPage = Json<Responses<'identity.listSsoClients'>[200]>;
export type SsoClient = SsoClientPage['items'][number];
export type SsoScope = SsoClient['scopes'][number];
export type SsoClientCreate = Body<'identity.createSsoClient'>;
export type SsoClientUpdate = Body<'identity.updateSsoClient'>;
export type SsoClientWithSecret = Json<Responses<'identity.createSsoClient'>[201]>;
export type SsoInteraction = Json<Responses<'identity.getSsoInteraction'>[200]>;
export type SsoInteractionResult = Json<Responses<'identity.completeSsoInteraction'>[200]>;

/** Every scope an application may be allowed, in the order the UI lists them (`openid` is required). */
export const SSO_SCOPES: readonly SsoScope[] = [
  'openid',
  'profile',
  'phone',
  'tongban.department',
  'tongban.roles',
];

const CLIENTS = '/identity/sso/clients';

export const ssoClientsApi = {
  list: (limit: number, cursor: string | null) =>
    api.get<SsoClientPage>(CLIENTS, { query: { limit, cursor: cursor ?? undefined } }),
  create: (client: SsoClientCreate) => api.post<SsoClientWithSecret>(CLIENTS, client),
  update: (id: string, changes: SsoClientUpdate) =>
    api.patch<SsoClient>(`${CLIENTS}/${encodeURIComponent(id)}`, changes),
  rotateSecret: (id: string) => api.post<SsoClientWithSecret>(`${CLIENTS}/${encodeURIComponent(id)}/secret`),
  remove: (id: string) => api.delete<void>(`${CLIENTS}/${encodeURIComponent(id)}`),
};

/** Under `/oidc/interaction/:uid`, where the browser holds the provider's cookie for the request. */
const interaction = (uid: string) => `/interaction/${encodeURIComponent(uid)}`;

export const ssoSignInApi = {
  details: (uid: string) =>
    api.get<SsoInteraction>(`${interaction(uid)}/details`, { base: '/oidc', quiet: true }),
  complete: (uid: string) =>
    api.post<SsoInteractionResult>(`${interaction(uid)}/complete`, undefined, { base: '/oidc', quiet: true }),
};
