import { afterAll, describe, expect, it } from 'vitest';
import { openSharedStore } from './shared-store.js';

// Runs against Redis when REDIS_URL is set (CI's second pass), else against process memory.
const store = await openSharedStore(
  process.env.REDIS_URL ?? null,
  `tongban-test:${process.pid}:${Date.now()}:`,
);
afterAll(() => store.close());

describe(`shared store (${store.kind})`, () => {
  it('stores and expires values', async () => {
    await store.set('a', '1', 1);
    expect(await store.get('a')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.get('a')).toBeNull();
  });

  it('sets a key only once while it lives, as a replay window needs', async () => {
    expect(await store.setIfAbsent('nonce:x', '1', 60)).toBe(true);
    expect(await store.setIfAbsent('nonce:x', '2', 60)).toBe(false);
    expect(await store.get('nonce:x')).toBe('1');
  });

  it('counts within a window that starts at the first increment', async () => {
    const counts = await Promise.all(Array.from({ length: 10 }, () => store.increment('login:1.2.3.4', 60)));
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('deletes', async () => {
    await store.set('gone', 'x', 60);
    await store.delete('gone');
    expect(await store.get('gone')).toBeNull();
  });

  it('answers a ping', async () => {
    expect(await store.ping()).toBe(true);
  });
});

describe('shared store connection errors', () => {
  it('fails clearly when Redis is unreachable', async () => {
    await expect(openSharedStore('redis://127.0.0.1:1')).rejects.toThrow(
      /Cannot connect to Redis at redis:\/\/127\.0\.0\.1:1/,
    );
  });
});
