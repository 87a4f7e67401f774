import type { Selectable } from 'kysely';
import type { ClientMetadata } from 'oidc-provider';
import type { SsoClientsTable } from './migrations.js';

/** Encryption context of client secrets: a value sealed for this column never opens as another. */
export const SEALED_SECRET = 'sso_clients.secret_enc';

/**
 * A registered application as oidc-provider sees it: a confidential web client using the authorization
 * code flow (PKCE required for every client by the provider configuration), authenticating at the token
 * endpoint with its secret (HTTP Basic or in the form body), limited to its allowed scopes.
 */
export function clientMetadata(row: Selectable<SsoClientsTable>, secret: string): ClientMetadata {
  return {
    client_id: row.client_id,
    client_secret: secret,
    client_name: row.name,
    application_type: 'web',
    redirect_uris: [...row.redirect_uris],
    post_logout_redirect_uris: [...row.post_logout_redirect_uris],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: row.scopes.join(' '),
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'ES256',
  };
}
