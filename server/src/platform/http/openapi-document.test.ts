import { readFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi-document.js';

const REGENERATE = 'is out of date with the route schemas: run `npm run api:types` and commit the result';
const committed = (file: string) =>
  readFileSync(new URL(`../../../../web/src/api/${file}`, import.meta.url), 'utf8').replace(/\r\n/g, '\n');

interface Operation {
  operationId?: string;
  security?: unknown[];
  responses?: Record<string, unknown>;
}

let document: OpenAPI3;
let operations: { method: string; path: string; operation: Operation }[];

beforeAll(async () => {
  // Through JSON, as `npm run api:types` hands it to openapi-typescript via web/src/api/openapi.json.
  document = JSON.parse(JSON.stringify(await buildOpenApiDocument())) as OpenAPI3;
  operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
      method,
      path,
      operation,
    })),
  );
});

describe('the web client generated from the OpenAPI document', () => {
  it('web/src/api/openapi.json is the document the routes describe', () => {
    expect(committed('openapi.json'), `web/src/api/openapi.json ${REGENERATE}`).toBe(
      `${JSON.stringify(document, null, 2)}\n`,
    );
  });

  it('web/src/api/schema.d.ts is what openapi-typescript makes of it', async () => {
    // The same output as the openapi-typescript CLI with default options (header included).
    const generated = `${COMMENT_HEADER}${astToString(await openapiTS(document, { silent: true }))}`;
    expect(committed('schema.d.ts'), `web/src/api/schema.d.ts ${REGENERATE}`).toBe(generated);
  });
});

describe('the OpenAPI document', () => {
  it('is the same whatever NODE_ENV: the development-only outbox is documented', () => {
    expect(Object.keys(document.paths ?? {})).toContain('/api/v1/dev/outbox');
  });

  it('names every /api/v1 operation <module>.<verbNoun>', () => {
    const api = operations.filter(({ path }) => path.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThan(5);
    for (const { method, path, operation } of api) {
      expect(operation.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    }
  });

  it('documents 401 on every operation that needs a session', () => {
    const secured = operations.filter(({ operation }) => operation.security?.length);
    expect(secured.length).toBeGreaterThan(0);
    for (const { method, path, operation } of secured) {
      expect(Object.keys(operation.responses ?? {}), `${method.toUpperCase()} ${path}`).toContain('401');
    }
  });
});
