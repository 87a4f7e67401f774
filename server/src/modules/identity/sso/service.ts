import type Provider from 'oidc-provider';
import type { Platform } from '../../../platform/kernel.js';
import { SsoStore } from './adapter.js';
import { SsoClientService } from './client-service.js';
import { SsoInteractionService } from './interaction-service.js';
import { loadSsoKeys } from './keys.js';
import { createProvider, OIDC_PATH } from './provider.js';

const PURGE_JOB = 'identity.purgeSsoPayloads';

export interface SsoServices {
  /** `${PUBLIC_URL}/oidc` */
  issuer: string;
  provider: Provider;
  store: SsoStore;
  clients: SsoClientService;
  interactions: SsoInteractionService;
}

/**
 * 单点登录 — the OpenID Connect provider and its client registry. Loads (on a new database: creates) the
 * signing and cookie keys, and schedules the hourly removal of expired provider state.
 */
export async function createSsoServices(platform: Platform): Promise<SsoServices> {
  const store = new SsoStore(platform.db, platform.keyring);
  const issuer = `${platform.config.publicUrl}${OIDC_PATH}`;
  const provider = await createProvider({
    issuer,
    keys: await loadSsoKeys(platform.db, platform.keyring),
    store,
    keyring: platform.keyring,
    log: platform.log,
    trustProxy: platform.config.trustProxy,
  });
  platform.jobs.register(PURGE_JOB, async () => {
    await store.purgeExpired();
  });
  platform.jobs.every(PURGE_JOB, 3600);
  return {
    issuer,
    provider,
    store,
    clients: new SsoClientService(platform.db, platform.keyring),
    interactions: new SsoInteractionService(provider, store),
  };
}
