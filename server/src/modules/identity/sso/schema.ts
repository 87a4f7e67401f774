import { type Static, Type } from 'typebox';
import { Cursor, Limit } from '../../../platform/http/paging.js';
import { SSO_SCOPES } from './client-rules.js';

const obj = { additionalProperties: false } as const;

export const SsoScopeSchema = Type.Union(
  SSO_SCOPES.map((scope) => Type.Literal(scope)),
  {
    description:
      'openid (sub, required) · profile (name, preferred_username) · phone (phone_number) · ' +
      'tongban.department (department) · tongban.roles (roles)',
  },
);

const ClientId = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$',
  description:
    'client_id: 3–40 lower-case letters, digits and hyphens, chosen at registration, never changed',
});

const Uri = Type.String({ minLength: 1, maxLength: 2000 });
const RedirectUris = Type.Array(Uri, {
  minItems: 1,
  maxItems: 10,
  uniqueItems: true,
  description: 'Exact callback URLs: https, or http for localhost / 127.0.0.1 / [::1]; no #fragment',
});
const PostLogoutRedirectUris = Type.Array(Uri, {
  maxItems: 10,
  uniqueItems: true,
  description: 'Where the application may send the user after signing out (same rules as redirect URIs)',
});
const Scopes = Type.Array(SsoScopeSchema, {
  minItems: 1,
  uniqueItems: true,
  description: 'The scopes the application may request; must include openid',
});
const Name = Type.String({ minLength: 1, maxLength: 100, description: 'Shown to users while signing in' });

export const SsoClientIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, obj);

export const SsoClientView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    clientId: Type.String(),
    name: Type.String(),
    redirectUris: Type.Array(Type.String()),
    postLogoutRedirectUris: Type.Array(Type.String()),
    scopes: Type.Array(SsoScopeSchema),
    enabled: Type.Boolean({ description: 'A disabled application cannot sign anyone in' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A registered single sign-on application (OIDC client); the secret is never shown again' },
);
export type SsoClientView = Static<typeof SsoClientView>;

export const SsoClientWithSecret = Type.Object(
  {
    client: SsoClientView,
    clientSecret: Type.String({
      description: 'client_secret, shown this once (client_secret_basic or client_secret_post)',
    }),
  },
  { description: 'The application with its new secret' },
);
export type SsoClientWithSecret = Static<typeof SsoClientWithSecret>;

export const ListSsoClientsQuery = Type.Object({ limit: Limit, cursor: Cursor }, obj);
export type ListSsoClientsQuery = Static<typeof ListSsoClientsQuery>;

export const CreateSsoClientRequest = Type.Object(
  {
    clientId: ClientId,
    name: Name,
    redirectUris: RedirectUris,
    postLogoutRedirectUris: Type.Optional(PostLogoutRedirectUris),
    scopes: Scopes,
    enabled: Type.Optional(Type.Boolean({ default: true })),
  },
  obj,
);
export type CreateSsoClientRequest = Static<typeof CreateSsoClientRequest>;

export const UpdateSsoClientRequest = Type.Object(
  {
    name: Type.Optional(Name),
    redirectUris: Type.Optional(RedirectUris),
    postLogoutRedirectUris: Type.Optional(PostLogoutRedirectUris),
    scopes: Type.Optional(Scopes),
    enabled: Type.Optional(Type.Boolean()),
  },
  { ...obj, minProperties: 1 },
);
export type UpdateSsoClientRequest = Static<typeof UpdateSsoClientRequest>;

export const SsoInteractionParams = Type.Object(
  {
    uid: Type.String({
      pattern: '^[A-Za-z0-9_-]{1,64}$',
      description: 'The sign-in request (interaction) id',
    }),
  },
  obj,
);

export const SsoInteractionView = Type.Object(
  {
    uid: Type.String(),
    clientId: Type.String(),
    clientName: Type.String({ description: 'The application the user is signing in to' }),
    scopes: Type.Array(Type.String(), { description: 'What the application asked for' }),
  },
  { description: 'A pending sign-in request of an integrated application' },
);
export type SsoInteractionView = Static<typeof SsoInteractionView>;

export const SsoInteractionResult = Type.Object(
  {
    redirectTo: Type.String({
      description:
        'Where the browser goes next (window.location): back into the provider, then the application',
    }),
  },
  { description: 'The sign-in request was completed for the signed-in user' },
);
export type SsoInteractionResult = Static<typeof SsoInteractionResult>;
