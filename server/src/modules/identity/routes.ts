import { Type } from 'typebox';
import type { App } from '../../platform/http/app-type.js';
import { requireAuth } from '../../platform/http/auth.js';
import { problemResponses } from '../../platform/http/openapi.js';
import type { OtpLogin } from './otp.js';
import {
  ChangePasswordRequest,
  LoginReply,
  LoginRequest,
  OtpLoginRequest,
  OtpSendReply,
  OtpSendRequest,
  SessionView,
  UserView,
} from './schema.js';
import type { IdentityService } from './service.js';

export function identityRoutes(app: App, identity: IdentityService, otp: OtpLogin): void {
  app.post(
    '/api/v1/identity/login',
    {
      schema: {
        operationId: 'identity.login',
        tags: ['identity'],
        summary: '用户名密码登录 Password login',
        body: LoginRequest,
        response: { 200: LoginReply, ...problemResponses(400, 401, 423) },
      },
    },
    (request) =>
      identity.login(
        request.ctx,
        request.body as LoginRequest,
        request.headers['user-agent']?.slice(0, 256) ?? null,
      ),
  );

  app.post(
    '/api/v1/identity/logout',
    {
      schema: {
        operationId: 'identity.logout',
        tags: ['identity'],
        summary: '退出登录 Log out',
        security: [{ bearer: [] }],
        response: { 204: Type.Null({ description: 'Session ended' }), ...problemResponses(401) },
      },
      preHandler: requireAuth({ allowExpiredPassword: true }),
    },
    async (request, reply) => {
      await identity.logout(request.ctx);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/identity/me',
    {
      schema: {
        operationId: 'identity.me',
        tags: ['identity'],
        summary: '当前用户 The signed-in user',
        security: [{ bearer: [] }],
        response: { 200: UserView, ...problemResponses(401) },
      },
      preHandler: requireAuth({ allowExpiredPassword: true }),
    },
    (request) => identity.userView(request.ctx.actor!),
  );

  app.post(
    '/api/v1/identity/me/password',
    {
      schema: {
        operationId: 'identity.changePassword',
        tags: ['identity'],
        summary: '修改密码 Change my password',
        description:
          'Checks the current password (a wrong one counts towards the lockout), the password policy and the ' +
          'last N passwords; ends every other session of the user. Allowed when the password has expired.',
        security: [{ bearer: [] }],
        body: ChangePasswordRequest,
        response: { 200: UserView, ...problemResponses(400, 401, 409) },
      },
      preHandler: requireAuth({ allowExpiredPassword: true }),
    },
    (request) => identity.changePassword(request.ctx, request.body),
  );

  app.get(
    '/api/v1/identity/me/sessions',
    {
      schema: {
        operationId: 'identity.listMySessions',
        tags: ['identity'],
        summary: '我的登录会话 My live sessions',
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ items: Type.Array(SessionView) }), ...problemResponses(401) },
      },
      preHandler: requireAuth(),
    },
    async (request) => ({ items: await identity.listSessions(request.ctx) }),
  );

  app.delete(
    '/api/v1/identity/me/sessions/:sessionId',
    {
      schema: {
        operationId: 'identity.revokeMySession',
        tags: ['identity'],
        summary: '结束会话 End one of my sessions',
        security: [{ bearer: [] }],
        params: Type.Object({ sessionId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 204: Type.Null({ description: 'Session ended' }), ...problemResponses(400, 401, 404) },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) => {
      await identity.revokeSession(request.ctx, request.params.sessionId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/identity/otp',
    {
      schema: {
        operationId: 'identity.sendOtp',
        tags: ['identity'],
        summary: '发送短信验证码 Send a sign-in code by SMS',
        body: OtpSendRequest,
        response: { 202: OtpSendReply, ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => reply.code(202).send(await otp.send(request.ctx, request.body.phone)),
  );

  app.post(
    '/api/v1/identity/login/otp',
    {
      schema: {
        operationId: 'identity.loginWithOtp',
        tags: ['identity'],
        summary: '短信验证码登录 Sign in with an SMS code',
        body: OtpLoginRequest,
        response: { 200: LoginReply, ...problemResponses(400, 401, 403, 423) },
      },
    },
    (request) => otp.login(request.ctx, request.body, request.headers['user-agent']?.slice(0, 256) ?? null),
  );
}
