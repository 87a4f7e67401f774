/**
 * The one error model of Tongban. Every failure a client can see has a stable `code` listed in the
 * catalogue below (or added by a module through `defineErrors`), with its HTTP status and titles.
 * One handler (problem.ts) turns them into RFC 9457 problem+json.
 */
export interface ErrorDefinition {
  status: number;
  'zh-CN': string;
  'en-US': string;
}

const catalogue = new Map<string, ErrorDefinition>();

/** Registers a module's error codes; a code may be defined once only. */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(definitions: T): T {
  for (const [code, definition] of Object.entries(definitions)) {
    const existing = catalogue.get(code);
    if (existing && existing !== definition) throw new Error(`Error code ${code} is defined twice`);
    catalogue.set(code, definition);
  }
  return definitions;
}

export function errorDefinition(code: string): ErrorDefinition | undefined {
  return catalogue.get(code);
}

export function errorCodes(): ReadonlyMap<string, ErrorDefinition> {
  return catalogue;
}

export const PlatformErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, 'zh-CN': '请求参数不合法', 'en-US': 'The request is invalid' },
  MALFORMED_JSON: {
    status: 400,
    'zh-CN': '请求体不是合法的 JSON',
    'en-US': 'The request body is not valid JSON',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    'zh-CN': '不支持的请求内容类型',
    'en-US': 'Unsupported request content type',
  },
  PAYLOAD_TOO_LARGE: { status: 413, 'zh-CN': '请求体过大', 'en-US': 'The request body is too large' },
  PASSWORD_EXPIRED: {
    status: 403,
    'zh-CN': '密码已过期，请先修改密码',
    'en-US': 'Your password has expired: change it first',
  },
  UNAUTHENTICATED: {
    status: 401,
    'zh-CN': '未登录或登录已失效',
    'en-US': 'Not signed in or the session expired',
  },
  FORBIDDEN: { status: 403, 'zh-CN': '没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, 'zh-CN': '请求的资源不存在', 'en-US': 'The resource does not exist' },
  ROUTE_NOT_FOUND: { status: 404, 'zh-CN': '接口不存在', 'en-US': 'No such endpoint' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    'zh-CN': '该接口不支持此请求方法',
    'en-US': 'This endpoint does not support the method',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    'zh-CN': '幂等键格式不正确',
    'en-US': 'The Idempotency-Key header is malformed',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    'zh-CN': '幂等键已用于另一个不同的请求',
    'en-US': 'The Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    'zh-CN': '使用相同幂等键的请求仍在处理中',
    'en-US': 'A request with the same Idempotency-Key is still in progress',
  },
  RATE_LIMITED: {
    status: 429,
    'zh-CN': '请求过于频繁，请稍后再试',
    'en-US': 'Too many requests, try again later',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    'zh-CN': '服务暂不可用，请稍后再试',
    'en-US': 'The service is temporarily unavailable',
  },
  INTERNAL_ERROR: { status: 500, 'zh-CN': '系统内部错误', 'en-US': 'Internal server error' },
});

export interface FieldError {
  /** Where the problem is, e.g. `body.name` or `query.limit`. */
  field: string;
  message: string;
}

/** A business-rule failure with a catalogue code. Routes and services throw it; the handler renders it. */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly detail?: string,
    readonly fieldErrors?: readonly FieldError[],
  ) {
    const definition = catalogue.get(code);
    if (!definition) throw new Error(`Unknown error code ${code}: add it to an error catalogue`);
    super(detail ?? `${code}: ${definition['en-US']}`);
    this.name = 'DomainError';
    this.status = definition.status;
  }
}
