import { fileURLToPath } from 'node:url';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { caseRoutes } from './modules/cases/routes.js';
import { type CaseServices, createCaseServices } from './modules/cases/services.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { type CatalogServices, createCatalogServices } from './modules/catalog/service.js';
import { ActorCache } from './modules/identity/actor-cache.js';
import { organisationRoutes } from './modules/identity/organisations/routes.js';
import {
  createOrganisationServices,
  type OrganisationServices,
} from './modules/identity/organisations/service.js';
import { OtpLogin } from './modules/identity/otp.js';
import { personRoutes } from './modules/identity/persons/routes.js';
import { createPersonServices, type PersonServices } from './modules/identity/persons/service.js';
import { rbacRoutes } from './modules/identity/rbac/routes.js';
import { RbacService } from './modules/identity/rbac/service.js';
import { regionRoutes } from './modules/identity/regions/routes.js';
import { RegionService } from './modules/identity/regions/service.js';
import { identityRoutes } from './modules/identity/routes.js';
import { securityRoutes } from './modules/identity/security-routes.js';
import { IdentityService } from './modules/identity/service.js';
import { oidcRoutes } from './modules/identity/sso/oidc-routes.js';
import { ssoClientRoutes } from './modules/identity/sso/routes.js';
import { createSsoServices, type SsoServices } from './modules/identity/sso/service.js';
import { auditRoutes } from './platform/audit/routes.js';
import { uuidv7 } from './platform/db/ids.js';
import type { App } from './platform/http/app-type.js';
import { registerRequestContext } from './platform/http/auth.js';
import { healthRoutes } from './platform/http/health.js';
import { registerIdempotency } from './platform/http/idempotency.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { registerProblemHandling } from './platform/http/problem.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerValidation } from './platform/http/validation.js';
import { registerWebUi } from './platform/http/web-ui.js';
import type { Platform } from './platform/kernel.js';
import { keyRoutes } from './platform/keys/routes.js';
import { devOutboxRoutes } from './platform/notify/routes.js';
import { createFileService, type FileService } from './platform/storage/file-service.js';
import { fileRoutes } from './platform/storage/routes.js';
import { VERSION } from './version.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface Services {
  cases: CaseServices;
  catalog: CatalogServices;
  files: FileService;
  identity: IdentityService;
  organisations: OrganisationServices;
  otp: OtpLogin;
  persons: PersonServices;
  rbac: RbacService;
  regions: RegionService;
  sso: SsoServices;
}

/** Builds the HTTP application: platform plugins first, then each module's routes. */
export async function buildApp(
  platform: Platform,
  options: { webDir?: string } = {},
): Promise<{ app: App; services: Services }> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID.test(header) ? header : uuidv7();
    },
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const actors = new ActorCache(platform.store);
  const identity = new IdentityService(platform.db, platform.log, actors);
  const catalog = createCatalogServices(platform.db);
  const files = createFileService(platform);
  const persons = createPersonServices(platform);
  const services: Services = {
    cases: createCaseServices(platform, { catalog, citizens: persons.citizens, files }),
    catalog,
    files,
    identity,
    organisations: createOrganisationServices(platform, actors),
    otp: new OtpLogin(platform.db, platform.store, platform.notifier, identity, (text) =>
      platform.keyring.blindIndex(text, 'text'),
    ),
    persons,
    rbac: new RbacService(platform.db, actors),
    regions: new RegionService(platform.db),
    sso: await createSsoServices(platform),
  };

  registerValidation(app);
  let isSpaPath: (url: string) => boolean = () => false;
  registerProblemHandling(
    app,
    (url) => url.startsWith('/api/'),
    (url) => isSpaPath(url),
  );
  registerSecurityHeaders(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // During a graceful shutdown, responses to in-flight requests close their keep-alive connections,
  // so the server can finish without waiting for clients to hang up.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  await registerOpenApi(app, VERSION);
  registerMetrics(app);
  registerRequestContext(app, (token) => services.identity.authenticate(token));
  registerIdempotency(app, platform.db);

  healthRoutes(app, {
    database: platform.database,
    store: platform.store,
    info: { name: '通办 Tongban', version: VERSION, demo: config.demo, environment: config.environment },
  });
  auditRoutes(app, platform.db);
  keyRoutes(app, platform.db, platform.keyring);
  fileRoutes(app, services.files);
  if (config.environment !== 'production') devOutboxRoutes(app, platform.db);
  identityRoutes(app, services.identity, services.otp);
  regionRoutes(app, services.regions);
  personRoutes(app, services.persons);
  organisationRoutes(app, services.organisations);
  rbacRoutes(app, services.rbac);
  securityRoutes(app, platform.db);
  ssoClientRoutes(app, services.sso.clients);
  await oidcRoutes(app, services.sso);
  catalogRoutes(app, services.catalog);
  caseRoutes(app, services.cases);

  isSpaPath = await registerWebUi(app, options.webDir ?? DEFAULT_WEB_DIR);
  return { app, services };
}
