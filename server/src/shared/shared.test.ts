import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => path.join(here, file));

describe('server/src/shared stays pure, so the browser can run it', () => {
  it.each(sources.map((file) => [path.relative(here, file), file]))(
    '%s imports only shared files',
    (_, file) => {
      const specifiers = [
        ...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm),
      ].map((match) => match[1] as string);
      for (const specifier of specifiers) {
        expect(specifier, `${specifier} in ${file}`).toMatch(/^\.\.?\//);
        const resolved = path.resolve(path.dirname(file), specifier);
        expect(resolved.startsWith(here + path.sep), `${specifier} leaves shared/`).toBe(true);
      }
    },
  );

  it('finds the shared sources', () => {
    expect(sources.length).toBeGreaterThanOrEqual(3);
  });
});
