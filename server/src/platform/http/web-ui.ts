import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web app (web/dist): hashed assets cached for a year, and index.html for every
 * non-API path so the client router handles /, /m/… and /admin/….
 */
export async function registerWebUi(app: FastifyInstance, webDir: string): Promise<(url: string) => boolean> {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    app.log.warn({ webDir }, 'web UI is not built; run `npm run build` (npm start does it)');
    return () => false;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    index: 'index.html',
    cacheControl: false,
    setHeaders(res, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // The SPA shell answers page navigations that no file or API route matched.
  return (url) => !url.startsWith('/api/') && !/\.[a-z0-9]{2,5}(\?|$)/i.test(url);
}
