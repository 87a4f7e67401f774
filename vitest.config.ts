import { defineConfig } from 'vitest/config';

// Unit and API tests of the server and the SDK. The e2e suite has its own config.
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'sdk/**/src/**/*.test.ts', 'bench/src/**/*.test.ts'],
    // `*.pg.test.ts` need a PostgreSQL server (e.g. to cut its connection); they run when DATABASE_URL is set.
    exclude: ['**/node_modules/**', ...(process.env.DATABASE_URL ? [] : ['**/*.pg.test.ts'])],
    globalSetup: ['server/src/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
