import { buildOpenApiDocument } from '../platform/http/openapi-document.js';

/** Prints the OpenAPI document as formatted JSON, without a running server (used by `npm run api:types`). */
buildOpenApiDocument().then(
  (document) => {
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  },
  (error: Error) => {
    console.error(`openapi failed: ${error.message}`);
    process.exit(1);
  },
);
