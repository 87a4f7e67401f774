import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: a real server process on a fresh database, driven through Debian's Chromium.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
