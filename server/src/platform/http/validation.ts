import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Bodies are validated strictly (a string is never coerced into a number; unknown fields are rejected
 * by the schemas' `additionalProperties: false`); query strings, path and headers are text on the wire,
 * so they are coerced to the schema's types.
 */
export function registerValidation(app: FastifyInstance): void {
  const common: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };
  const strictBodies = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strictBodies : coercing).compile(schema),
  );
}
