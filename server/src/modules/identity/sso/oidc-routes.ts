import type { IncomingMessage } from 'node:http';
import type { App } from '../../../platform/http/app-type.js';
import { requireAuth } from '../../../platform/http/auth.js';
import { problemResponses } from '../../../platform/http/openapi.js';
import { OIDC_PATH } from './provider.js';
import { SsoInteractionParams, SsoInteractionResult, SsoInteractionView } from './schema.js';
import type { SsoServices } from './service.js';

/**
 * The provider's own pages are few and plain (error, sign-out confirmation, form_post); its scripts are
 * allowed by hash (oidc-provider adds them to script-src), forms may post back to applications.
 */
const OIDC_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; " +
  "form-action 'self' https: http:; frame-ancestors 'none'; base-uri 'none'";

/**
 * Mounts the OpenID Connect provider under /oidc, and the two calls the web sign-in page makes for a
 * pending sign-in request. The provider answers from Fastify's raw request and response: the route
 * hijacks the reply, and a content-type parser that reads nothing leaves form bodies to the provider.
 */
export async function oidcRoutes(app: App, sso: SsoServices): Promise<void> {
  const interaction = `${OIDC_PATH}/interaction/:uid`;

  app.get(interaction, { schema: { hide: true, params: SsoInteractionParams } }, (request, reply) =>
    reply.redirect(`/login?sso=${encodeURIComponent(request.params.uid)}`, 303),
  );

  app.get(
    `${interaction}/details`,
    {
      schema: {
        operationId: 'identity.getSsoInteraction',
        tags: ['identity'],
        summary:
          '单点登录请求 The application a pending sign-in request is for (needs its interaction cookie)',
        params: SsoInteractionParams,
        response: { 200: SsoInteractionView, ...problemResponses(400, 403, 404) },
      },
    },
    (request, reply) => sso.interactions.details(request.raw, reply.raw, request.params.uid),
  );

  app.post(
    `${interaction}/complete`,
    {
      schema: {
        operationId: 'identity.completeSsoInteraction',
        tags: ['identity'],
        summary:
          '完成单点登录 Sign the current user in to the application; answers where the browser goes next',
        security: [{ bearer: [] }],
        params: SsoInteractionParams,
        response: { 200: SsoInteractionResult, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireAuth(),
    },
    (request, reply) =>
      sso.interactions.complete(
        request.ctx,
        request.raw,
        reply.raw,
        request.params.uid,
        request.headers['user-agent']?.slice(0, 256) ?? null,
      ),
  );

  const handle = sso.provider.callback();
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.all(`${OIDC_PATH}/*`, { schema: { hide: true } }, (request, reply) => {
      reply.hijack();
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      reply.raw.setHeader('content-security-policy', OIDC_CSP);
      // the provider routes relative to its mount point and finds the mount point from originalUrl
      raw.originalUrl = raw.url;
      raw.url = raw.url?.slice(OIDC_PATH.length) || '/';
      void handle(raw, reply.raw);
    });
  });
}
