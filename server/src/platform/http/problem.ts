import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPVersion } from 'find-my-way';
import { isDatabaseUnavailable } from '../db/database.js';
import { DomainError, errorDefinition, type FieldError } from './errors.js';
import { pickLocale } from './locale.js';

/** RFC 9457 problem details, with Tongban's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export function problemFor(
  request: FastifyRequest,
  code: string,
  options: { detail?: string; errors?: readonly FieldError[] } = {},
): Problem {
  const definition = errorDefinition(code) ?? errorDefinition('INTERNAL_ERROR')!;
  const locale = pickLocale(request.headers['accept-language']);
  return {
    type: `urn:tongban:error:${code}`,
    title: definition[locale],
    status: definition.status,
    code,
    ...(options.detail ? { detail: options.detail } : {}),
    instance: request.url,
    requestId: request.id,
    ...(options.errors?.length ? { errors: [...options.errors] } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Turns every error into problem+json: domain errors, validation, framework errors, database outages. */
export function registerProblemHandling(
  app: FastifyInstance,
  isApiPath: (url: string) => boolean,
  isSpaPath: (url: string) => boolean,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return sendProblem(
        reply,
        problemFor(request, error.code, { detail: error.detail, errors: error.fieldErrors }),
      );
    }
    if (error.validation) {
      const errors = validationErrors(error);
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return sendProblem(reply, problemFor(request, 'VALIDATION_FAILED', { detail, errors }));
    }
    const mapped = FRAMEWORK_CODES[error.code];
    if (mapped) return sendProblem(reply, problemFor(request, mapped, { detail: error.message }));
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return sendProblem(
        reply,
        problemFor(request, 'SERVICE_UNAVAILABLE', { detail: 'database unavailable' }),
      );
    }
    if (error.statusCode && error.statusCode < 500) {
      const code = GENERIC_CODES[error.statusCode] ?? 'VALIDATION_FAILED';
      return sendProblem(reply, problemFor(request, code, { detail: error.message }));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problemFor(request, 'INTERNAL_ERROR'));
  });

  // A mirror of the route table answers "does this path exist under another method?" for 405s.
  const mirror = FindMyWay<HTTPVersion.V1>({ ignoreTrailingSlash: true });
  const methodsByRoute = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    if (!isApiPath(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let known = methodsByRoute.get(route.url);
    if (!known) {
      known = new Set();
      methodsByRoute.set(route.url, known);
      mirror.on('GET', route.url, () => {}, { url: route.url });
    }
    for (const method of methods) known.add(method);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if ((request.method === 'GET' || request.method === 'HEAD') && isSpaPath(path)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const match = mirror.find('GET', path);
    const routeUrl = (match?.store as { url?: string } | undefined)?.url;
    const allowed = routeUrl ? methodsByRoute.get(routeUrl) : undefined;
    if (allowed && !allowed.has(request.method)) {
      reply.header('allow', [...allowed].join(', '));
      return sendProblem(
        reply,
        problemFor(request, 'METHOD_NOT_ALLOWED', { detail: `${request.method} ${path}` }),
      );
    }
    return sendProblem(
      reply,
      problemFor(request, 'ROUTE_NOT_FOUND', { detail: `${request.method} ${path}` }),
    );
  });
}

const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

/** Plugins' own client errors (e.g. a static file refused) by status. */
const GENERIC_CODES: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

function validationErrors(error: FastifyError): FieldError[] {
  const part = PART_NAMES[error.validationContext ?? 'body'] ?? 'body';
  return (error.validation as AjvIssue[]).map((issue) => {
    const segments = issue.instancePath.split('/').filter(Boolean);
    if (issue.keyword === 'additionalProperties') segments.push(String(issue.params.additionalProperty));
    if (issue.keyword === 'required') segments.push(String(issue.params.missingProperty));
    const message =
      issue.keyword === 'additionalProperties' ? 'unknown field' : (issue.message ?? issue.keyword);
    return { field: [part, ...segments].join('.'), message };
  });
}
