import type { SharedStore } from '../../platform/cache/shared-store.js';
import type { Actor } from '../../platform/http/context.js';

/** The shared counter every node compares its cached actors against. */
const GENERATION_KEY = 'identity:actor-generation';
const GENERATION_TTL_SECONDS = 30 * 86_400;

export interface CachedSession {
  actor: Actor;
  /** The idle window the session was created with. */
  idleMinutes: number;
  idleExpiresAt: number;
  expiresAt: number;
  /** When the session's last_seen_at was last written, to slide the idle timeout at most once a minute. */
  touchedAt: number;
}

interface Entry extends CachedSession {
  generation: string;
  cachedAt: number;
}

/**
 * Resolved sessions by token hash, so an authenticated request costs one shared-store read instead of
 * two database queries. Any change that can alter an actor (sign-out, roles, grants, status, password)
 * calls `invalidate()`, which bumps a generation in the shared store: every node — Redis when there are
 * several — drops its entries on its next request. Entries also expire after `maxAgeMs` as a safety net.
 */
export class ActorCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: SharedStore,
    private readonly options: { maxEntries: number; maxAgeMs: number } = {
      maxEntries: 10_000,
      maxAgeMs: 60_000,
    },
  ) {}

  /** Read before the database, so a change committed meanwhile is never cached under the newer generation. */
  async generation(): Promise<string> {
    return (await this.store.get(GENERATION_KEY)) ?? '0';
  }

  lookup(tokenHash: string, generation: string, now = Date.now()): CachedSession | null {
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    const fresh =
      entry.generation === generation &&
      now - entry.cachedAt < this.options.maxAgeMs &&
      now < entry.idleExpiresAt &&
      now < entry.expiresAt;
    if (!fresh) {
      this.entries.delete(tokenHash);
      return null;
    }
    return entry;
  }

  remember(tokenHash: string, generation: string, session: CachedSession, now = Date.now()): void {
    if (this.entries.size >= this.options.maxEntries) {
      // Map keeps insertion order: drop the oldest entry
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { ...session, generation, cachedAt: now });
  }

  /** After a committed change to sessions, roles, grants, account status or passwords. */
  async invalidate(): Promise<void> {
    this.entries.clear();
    await this.store.increment(GENERATION_KEY, GENERATION_TTL_SECONDS);
  }
}
