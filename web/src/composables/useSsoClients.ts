import { shallowRef } from 'vue';
import { api } from '../api/client';
import {
  type SsoClient,
  type SsoClientCreate,
  type SsoClientUpdate,
  type SsoClientWithSecret,
  ssoClientsApi,
} from '../api/sso';
import { useCursorPager } from './useCursorPager';
import { useSaving } from './useSaving';

/** 单点登录应用: the registered applications page by page, and changes to them. */
export function useSsoClients(pageSize = 20) {
  const pager = useCursorPager((cursor) => ssoClientsApi.list(pageSize, cursor));
  const { saving, errors, save } = useSaving();

  return {
    ...pager,
    saving,
    /** Field errors of the last failed create or update, keyed like `redirectUris.1`. */
    errors,
    create: (client: SsoClientCreate): Promise<SsoClientWithSecret | null> =>
      save(() => ssoClientsApi.create(client)),
    update: (id: string, changes: SsoClientUpdate): Promise<SsoClient | null> =>
      save(() => ssoClientsApi.update(id, changes)),
    rotateSecret: (id: string): Promise<SsoClientWithSecret | null> =>
      save(() => ssoClientsApi.rotateSecret(id)),
    remove: async (id: string): Promise<boolean> =>
      (await save(async () => {
        await ssoClientsApi.remove(id);
        return true;
      })) ?? false,
  };
}

/**
 * The issuer integrated applications are configured with: the provider's own answer (it follows the
 * server's PUBLIC_URL), `<this origin>/oidc` until it arrives.
 */
export function useSsoIssuer() {
  const issuer = shallowRef(`${window.location.origin}/oidc`);
  api.get<{ issuer: string }>('/.well-known/openid-configuration', { base: '/oidc', quiet: true }).then(
    (discovery) => {
      issuer.value = discovery.issuer;
    },
    () => undefined,
  );
  return issuer;
}
