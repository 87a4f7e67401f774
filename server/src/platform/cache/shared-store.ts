import { Redis } from 'ioredis';

/**
 * 共享状态 — short-lived state every node must see the same: replay windows (nonces), rate-limit counters,
 * one-time codes. Redis when REDIS_URL is set; otherwise process memory, which is right for one node only.
 */
export interface SharedStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets only if absent; true when this call set it (a nonce seen for the first time). */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Increments a counter that expires `ttlSeconds` after its first increment; returns the new value. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  delete(key: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openSharedStore(redisUrl: string | null, prefix = 'tongban:'): Promise<SharedStore> {
  if (!redisUrl) return new MemoryStore();
  const redis = new Redis(redisUrl, { keyPrefix: prefix, lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on('error', () => {}); // reconnects by itself; readiness reports the outage
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Cannot connect to Redis at ${redisUrl.replace(/\/\/[^@]*@/, '//***@')}: ${(error as Error).message}`,
    );
  }
  return new RedisStore(redis);
}

class RedisStore implements SharedStore {
  readonly kind = 'redis';
  constructor(private readonly redis: Redis) {}

  get(key: string) {
    return this.redis.get(key);
  }
  async set(key: string, value: string, ttlSeconds: number) {
    await this.redis.set(key, value, 'EX', ttlSeconds);
  }
  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    return (await this.redis.set(key, value, 'EX', ttlSeconds, 'NX')) === 'OK';
  }
  async increment(key: string, ttlSeconds: number) {
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, ttlSeconds, 'NX').exec()) as [
      [Error | null, number],
    ];
    return count;
  }
  async delete(key: string) {
    await this.redis.del(key);
  }
  async ping() {
    return this.redis
      .ping()
      .then((reply) => reply === 'PONG')
      .catch(() => false);
  }
  async close() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
  async get(key: string) {
    return this.live(key)?.value ?? null;
  }
  async set(key: string, value: string, ttlSeconds: number) {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    if (this.entries.size % 1024 === 0) this.sweep();
  }
  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    if (this.live(key)) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }
  async increment(key: string, ttlSeconds: number) {
    const entry = this.live(key);
    const count = Number(entry?.value ?? 0) + 1;
    this.entries.set(key, {
      value: String(count),
      expiresAt: entry?.expiresAt ?? Date.now() + ttlSeconds * 1000,
    });
    return count;
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
  async ping() {
    return true;
  }
  async close() {
    this.entries.clear();
  }
  private sweep() {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
