import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI naming the problem type (`urn:tongban:error:<code>`)' }),
    title: Type.String({ description: 'Short human-readable summary in the request language' }),
    status: Type.Integer({ description: 'HTTP status code' }),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    detail: Type.Optional(Type.String({ description: 'What exactly went wrong' })),
    instance: Type.Optional(Type.String({ description: 'The request path' })),
    requestId: Type.Optional(Type.String({ description: 'Request id, also in the X-Request-Id header' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'Offending field, e.g. `body.name`' }),
          message: Type.String(),
        }),
        { description: 'Field-level validation errors' },
      ),
    ),
  },
  { description: 'RFC 9457 problem details (application/problem+json)' },
);

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Body too large',
  422: 'Unprocessable',
  429: 'Too many requests',
  503: 'Unavailable',
};

/** Response schemas for the problem statuses a route can answer with, documented as problem+json. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: STATUS_TEXT[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
}

/** OpenAPI 3 document at /api/openapi.json and Swagger UI at /api/docs. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '通办 Tongban API',
        version,
        description:
          'Integrated online government-service platform. Errors are RFC 9457 problem+json with a stable `code`; ' +
          'send `Accept-Language: en-US` for English titles. Mutating requests accept an `Idempotency-Key` header.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Session token from identity.login' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
